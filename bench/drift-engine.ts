// The whole drift monitor (lib/drift/monitor/advance-state.ts: every metric of an agent at once, as the
// server runs it) on simulated agents: false alarms per 100,000 stable tasks by metric and in total,
// and the delay of the claims story (approvals 85% → 91%) in tasks. Each stream captures its own
// baseline from its first 1,000 tasks, as production does. No database; seeded, so the figures are
// the same on every machine.
//   npm run bench:drift-engine   (DRIFT_ENGINE_STREAMS=60 stable streams of DRIFT_ENGINE_TASKS=100000,
//                                 DRIFT_ENGINE_SHIFT_RUNS=300)
import { advanceState, newEngineState, type Settings } from "../lib/drift/monitor/advance-state";
import type { TaskRecord } from "../lib/drift/monitor/records";
import { seededRandom, type Random } from "../lib/random/seeded-random";
import { formatCount, percentile } from "./stats";

const streams = Number(process.env.DRIFT_ENGINE_STREAMS ?? 60);
const tasksPerStream = Number(process.env.DRIFT_ENGINE_TASKS ?? 100_000);
const shiftRuns = Number(process.env.DRIFT_ENGINE_SHIFT_RUNS ?? 300);
const settings: Settings = { target: { tasks: 1000, days: 7 }, extraOutcomes: [] };
const BATCH = 250;

// A claims-like task: outcome, a lognormal cost and latency, 3–8 steps, a policy lookup (sometimes
// two: calls within a task are not independent) and one decision tool.
function task(random: Random, index: number, approval: number): TaskRecord {
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const approved = random() < approval;
  const lookups = random() < 0.2 ? 2 : 1;
  const decision = approved ? "claim.approve" : random() < 0.7 ? "claim.reject" : "claim.escalate";
  return {
    traceId: `t${index}`,
    startTime: index * 60_000,
    outcome: approved ? "approved" : "rejected",
    error: random() < 0.02,
    costUsd: 0.012 * Math.exp(0.4 * normal()),
    latencyMs: 2500 * Math.exp(0.5 * normal()),
    steps: 3 + Math.floor(6 * random()),
    version: "v1",
    models: ["gpt-4.1-2025-04-14"],
    tools: { "policy.lookup": lookups, [decision]: 1 },
  };
}

function stable(seed: number): Map<string, number> {
  const random = seededRandom(seed);
  const state = newEngineState();
  const alarms = new Map<string, number>();
  for (let from = 0; from < tasksPerStream + 1000; from += BATCH) {
    const batch = Array.from({ length: BATCH }, (_, i) => task(random, from + i, 0.85));
    for (const detection of advanceState(state, batch, [], settings).detections) alarms.set(detection.metric, (alarms.get(detection.metric) ?? 0) + 1);
  }
  return alarms;
}

function shiftDelay(seed: number): number | null {
  const random = seededRandom(1_000_000 + seed);
  const state = newEngineState();
  const shiftAt = 3000;
  for (let from = 0; from < 30_000; from += BATCH) {
    const batch = Array.from({ length: BATCH }, (_, i) => task(random, from + i, from + i < shiftAt ? 0.85 : 0.91));
    for (const detection of advanceState(state, batch, [], settings).detections) {
      if (detection.metric !== "outcome_rate:approved") continue;
      const at = Date.parse(detection.detectedAt) / 60_000;
      if (at >= shiftAt) return at - shiftAt;
    }
  }
  return null;
}

const started = Date.now();
const totals = new Map<string, number>();
for (let seed = 0; seed < streams; seed++) for (const [metric, count] of stable(seed)) totals.set(metric, (totals.get(metric) ?? 0) + count);
const per100k = (count: number) => ((count / (streams * tasksPerStream)) * 100_000).toFixed(2);
console.log(`Stable streams: ${streams} × ${formatCount(tasksPerStream)} tasks after a 1,000-task baseline (all metrics of the monitor)`);
for (const [metric, count] of [...totals].sort()) console.log(`  ${metric.padEnd(24)} ${String(count).padStart(4)} false alarms  ${per100k(count)} per 100,000 tasks`);
const all = [...totals.values()].reduce((sum, count) => sum + count, 0);
console.log(`  ${"all metrics".padEnd(24)} ${String(all).padStart(4)} false alarms  ${per100k(all)} per 100,000 tasks`);

const delays = Array.from({ length: shiftRuns }, (_, seed) => shiftDelay(seed));
const found = delays.filter((delay): delay is number => delay !== null).sort((a, b) => a - b);
console.log(`\nApprovals 85% → 91% after 3,000 tasks (${shiftRuns} runs): detected ${found.length}/${shiftRuns} within 27,000 tasks; ` +
  `median ${percentile(found, 50)} tasks, p90 ${percentile(found, 90)}`);
console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
