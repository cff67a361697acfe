// npm run bench:guard-burst -- --url http://localhost:3000 [--rate 150] [--phase 20] [--cycles 3] [--clients 40] [--spans 300]
// The guard's latency while OTLP ingest is saturated, against a running Control Room on PostgreSQL.
// Guard calls go open loop at --rate for the whole run (latency from each call's due time) while the
// phases alternate: idle (guard only) and burst (--clients ingest clients each sending --spans-span
// protobuf batches back to back, retrying 429/503 after Retry-After like an OTLP exporter; a burst
// phase lasts until its last batch is answered). Prints per phase the guard's p50/p90/p99 and the
// ingest throughput and refusals, the ratio burst p99 / idle p99, and checks every accepted span was
// stored. Exit 1 only when the setup fails, a span was lost or no guard call succeeded; never on timing.
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import { connectAdmin } from "../lib/simulator/admin-client";
import { startGuardLoad, type GuardSample } from "./guard-load";
import { prepareGuardAgent } from "./guard-setup";
import { prepareIngestAgent } from "./ingest-agent";
import { emptyTotals, mergeTotals, runClient, type ClientTotals } from "./ingest-client";
import { batchTemplate } from "./otlp-template";
import { countStoredSpans } from "./stored-spans";
import { formatCount, formatMs, percentile } from "./stats";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://localhost:3000" },
    rate: { type: "string", default: "150" },
    phase: { type: "string", default: "20" },
    cycles: { type: "string", default: "3" },
    warmup: { type: "string", default: "5" },
    clients: { type: "string", default: "40" },
    spans: { type: "string", default: "300" },
    keys: { type: "string", default: "2" },
    sessions: { type: "string", default: "200" },
    connections: { type: "string", default: "64" },
    timeout: { type: "string", default: "30" },
    team: { type: "string" },
    email: { type: "string" },
    password: { type: "string" },
  },
});

const baseUrl = values.url!.replace(/\/$/, "");
const rate = Number(values.rate);
const phaseS = Number(values.phase);
const cycles = Number(values.cycles);
const clients = Number(values.clients);
const spanCount = Number(values.spans);

type Phase = { name: string; kind: "idle" | "burst"; seconds: number; ingest?: ClientTotals };

async function burst(url: string, key: string, agent: string): Promise<ClientTotals> {
  const template = batchTemplate(agent, spanCount);
  const nextBatch = () => ({ body: template.next(), spanCount });
  const now = Date.now();
  const perClient = Array.from({ length: clients }, emptyTotals);
  const options = { url, key, agent, minSpans: spanCount, maxSpans: spanCount, measureFrom: now, until: now + phaseS * 1000, nextBatch };
  await Promise.all(perClient.map((totals) => runClient(options, totals)));
  return mergeTotals(perClient);
}

const stats = (samples: GuardSample[]) => {
  const ms = samples.map((sample) => sample.ms);
  return { count: ms.length, p50: percentile(ms, 50), p90: percentile(ms, 90), p99: percentile(ms, 99), max: Math.max(...ms) };
};

function statuses(samples: GuardSample[]): string {
  const counts = new Map<string, number>();
  for (const sample of samples) if (sample.status !== "200") counts.set(sample.status, (counts.get(sample.status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${status}×${n}`).join(" ") || "-";
}

function report(phases: Phase[], samples: GuardSample[]) {
  const of = (names: Set<string>) => samples.filter((sample) => names.has(sample.phase));
  const row = (label: string, picked: GuardSample[], ingest?: ClientTotals, seconds?: number) => {
    const guard = stats(picked);
    const ingestText = ingest
      ? `${formatCount(ingest.spansSent / seconds!).padStart(7)} spans/s  ${String(ingest.requests).padStart(5)} req  429×${ingest.status429}  503×${ingest.status503}  gave up ${formatCount(ingest.spansLost)}`
      : "";
    console.log(
      `${label.padEnd(10)} ${String(guard.count).padStart(6)}  p50 ${formatMs(guard.p50).padStart(9)}  p90 ${formatMs(guard.p90).padStart(9)}  ` +
        `p99 ${formatMs(guard.p99).padStart(9)}  max ${formatMs(guard.max).padStart(9)}  non-200 ${statuses(picked).padEnd(8)} ${ingestText}`,
    );
    return guard;
  };
  console.log("");
  console.log(`phase       calls  guard latency from due time ${" ".repeat(56)} ingest (${clients} clients × ${spanCount} spans)`);
  for (const phase of phases) row(phase.name, of(new Set([phase.name])), phase.ingest, phase.seconds);
  const names = (kind: Phase["kind"]) => new Set(phases.filter((phase) => phase.kind === kind).map((phase) => phase.name));
  const bursts = phases.filter((phase) => phase.kind === "burst");
  const allIngest = mergeTotals(bursts.map((phase) => phase.ingest!));
  const idle = row("all idle", of(names("idle")));
  const loaded = row("all burst", of(names("burst")), allIngest, bursts.reduce((sum, phase) => sum + phase.seconds, 0));
  const perCycle = bursts.map((phase, index) => stats(of(new Set([phase.name]))).p99 / stats(of(new Set([phases[index * 2].name]))).p99);
  const ratio = loaded.p99 / idle.p99;
  console.log("");
  console.log(
    `burst p99 / idle p99: ${ratio.toFixed(2)} (per cycle ${perCycle.map((value) => value.toFixed(2)).join(", ")}); ` +
      `p50 ratio ${(loaded.p50 / idle.p50).toFixed(2)} → target ≤ 3: ${ratio <= 3 ? "met" : "not met"}`,
  );
  return allIngest;
}

async function main(): Promise<number> {
  const adminKey = process.env.CONTROLROOM_ADMIN_KEY?.trim() || undefined;
  const credentials = adminKey ? { adminKey } : { email: values.email, password: values.password };
  const admin = await connectAdmin(baseUrl, credentials);
  const guardAgent = await prepareGuardAgent(baseUrl, credentials, Number(values.keys), values.team);
  const ingest = await prepareIngestAgent(admin, { team: values.team });
  console.log(
    `guard under ingest: guard ${rate}/s open loop as ${guardAgent.agent}; ${cycles} × (${phaseS} s idle, ${phaseS} s burst of ` +
      `${clients} clients × ${spanCount}-span batches as ${ingest.agent}) after ${values.warmup} s warm-up → ${baseUrl}`,
  );

  const load = startGuardLoad({
    baseUrl,
    keys: guardAgent.keys,
    rate,
    connections: Number(values.connections),
    sessions: Number(values.sessions),
    timeoutS: Number(values.timeout),
  });
  await sleep(Number(values.warmup) * 1000);
  const phases: Phase[] = [];
  for (let cycle = 1; cycle <= cycles; cycle++) {
    let started = Date.now();
    load.setPhase(`idle ${cycle}`);
    await sleep(phaseS * 1000);
    phases.push({ name: `idle ${cycle}`, kind: "idle", seconds: (Date.now() - started) / 1000 });
    started = Date.now();
    load.setPhase(`burst ${cycle}`);
    const totals = await burst(`${baseUrl}/api/otlp/v1/traces`, ingest.key, ingest.agent);
    phases.push({ name: `burst ${cycle}`, kind: "burst", seconds: (Date.now() - started) / 1000, ingest: totals });
    console.log(`  cycle ${cycle}: ${formatCount(totals.spansSent)} spans accepted in the burst`);
  }
  load.setPhase(null);
  const { samples, maxLagMs, firstError } = await load.stop();

  const ingestTotals = report(phases, samples);
  console.log(`client:  largest lag sending a guard call ${formatMs(maxLagMs)} (large: the load generator itself is starved)`);
  if (firstError) console.log(`guard first error:  ${firstError}`);
  if (ingestTotals.firstError) console.log(`ingest first error: ${ingestTotals.firstError}`);
  const stored = await countStoredSpans(ingest.agent, admin);
  const intact = stored.spans === ingestTotals.spansSent;
  console.log(
    `stored:  ${formatCount(stored.spans)} of ${formatCount(ingestTotals.spansSent)} accepted spans (${stored.via}) → ` +
      `${intact ? "OK, no accepted span lost" : "MISMATCH: ACCEPTED SPANS MISSING"}; ` +
      `${formatCount(ingestTotals.spansLost)} spans never accepted (a client gave up after 6 attempts, as an exporter would)`,
  );
  return intact && ingestTotals.spansLost === 0 && samples.some((sample) => sample.status === "200") ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
