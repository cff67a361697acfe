// The drift statistics by simulation (issue 12): how often a stable stream raises a false alarm, and
// how many tasks a real shift takes to be detected. Every run has its own seeded generator, so the
// figures are the same on every machine. The baseline rate of every run is itself estimated, from its
// own 1,000 simulated tasks at the true rate (as production captures it), so the figures include the
// baseline's sampling error; rows marked "known baseline" give the detector the exact 85% instead.
//   npm run bench:drift   (DRIFT_BENCH_RUNS=2000 shift runs per row, DRIFT_BENCH_STABLE_STREAMS=300 stable
//                          streams of DRIFT_BENCH_STABLE_TASKS=100000 tasks, DRIFT_BENCH_MIX_BASELINES=30)
import { createRateDetector, defaultRateMargin, defaultRateShifts, defaultRateThreshold } from "../lib/drift/rate-detector";
import { distributionDrift, jensenShannonDistance } from "../lib/drift/distribution-drift";
import { seededRandom, type Random } from "../lib/random/seeded-random";
import { normalQuantile } from "../lib/versions/normal-distribution";
import { formatCount, percentile } from "./stats";

const runs = Number(process.env.DRIFT_BENCH_RUNS ?? 2000);
const stableStreams = Number(process.env.DRIFT_BENCH_STABLE_STREAMS ?? 300);
const stableTasks = Number(process.env.DRIFT_BENCH_STABLE_TASKS ?? 100_000);
const mixBaselines = Number(process.env.DRIFT_BENCH_MIX_BASELINES ?? 30);
const mixWindowsPerBaseline = Number(process.env.DRIFT_BENCH_MIX_WINDOWS ?? 500);
const baseRate = 0.85;
const baselineTasks = 1000;
// Tasks at the baseline rate before a shift, so the statistics are in their stable regime when it comes.
const warmUp = 1000;
const horizon = 20_000;
const knownBaselineN = 1e9;

function table(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  ");
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of rows) console.log(line(row));
}

function estimatedBaseline(random: Random, tasks: number): number {
  let successes = 0;
  for (let i = 0; i < tasks; i++) if (random() < baseRate) successes++;
  return successes / tasks;
}

// One-sided 95% upper bound of a Poisson mean given `count` events (Wilson–Hilferty for χ²(2k+2)/2).
function poissonUpper(count: number, confidence = 0.95): number {
  const dof = 2 * count + 2;
  const z = normalQuantile(confidence);
  return (dof * (1 - 2 / (9 * dof) + z * Math.sqrt(2 / (9 * dof))) ** 3) / 2;
}

type Baseline = { known: boolean; n?: number };

function detectorFor(random: Random, { known, n = baselineTasks }: Baseline) {
  return known
    ? createRateDetector({ baselineRate: baseRate, baselineN: knownBaselineN })
    : createRateDetector({ baselineRate: estimatedBaseline(random, n), baselineN: n });
}

function stableRow(label: string, baseline: Baseline, seedBase: number): string[] {
  const perStream: number[] = [];
  for (let s = 0; s < stableStreams; s++) {
    const random = seededRandom(seedBase + s);
    const detector = detectorFor(random, baseline);
    let alarms = 0;
    for (let i = 0; i < stableTasks; i++) if (detector.update(random() < baseRate)) alarms++;
    perStream.push(alarms);
  }
  const total = perStream.reduce((a, b) => a + b, 0);
  const tasks = stableStreams * stableTasks;
  const per100k = (count: number) => (count / tasks) * 100_000;
  // Alarms cluster in the streams whose baseline was misread, so the Poisson bound is too narrow; the
  // bound over streams (mean + 1.645 standard errors of the per-stream counts) accounts for that.
  const mean = total / stableStreams;
  const sd = Math.sqrt(perStream.reduce((a, c) => a + (c - mean) ** 2, 0) / Math.max(1, stableStreams - 1));
  const streamsUpper = ((mean + 1.645 * (sd / Math.sqrt(stableStreams))) / stableTasks) * 100_000;
  const withAlarm = perStream.filter((c) => c > 0).length;
  return [
    label,
    `${formatCount(stableStreams)} × ${formatCount(stableTasks)}`,
    formatCount(total),
    per100k(total).toFixed(3),
    per100k(poissonUpper(total)).toFixed(3),
    streamsUpper.toFixed(3),
    `${((100 * withAlarm) / stableStreams).toFixed(1)}%`,
  ];
}

function shiftRow(label: string, to: number, baseline: Baseline, seedBase: number): string[] {
  const delays: number[] = [];
  const changePointErrors: number[] = [];
  let wrongDirection = 0;
  let early = 0;
  const direction = to > baseRate ? "up" : "down";
  for (let s = 0; s < runs; s++) {
    const random = seededRandom(seedBase + s);
    const detector = detectorFor(random, baseline);
    for (let i = 0; i < warmUp; i++) if (detector.update(random() < baseRate)) early++;
    for (let i = 0; i < horizon; i++) {
      const detection = detector.update(random() < to);
      if (!detection) continue;
      if (detection.direction !== direction) {
        wrongDirection++;
        continue;
      }
      delays.push(i + 1);
      changePointErrors.push(detection.changePointAt - warmUp);
      break;
    }
  }
  const within = (limit: number) => `${((100 * delays.filter((d) => d <= limit).length) / runs).toFixed(1)}%`;
  // Runs never detected within the horizon count as later than every detected one.
  const padded = [...delays, ...Array(runs - delays.length).fill(Infinity)];
  const show = (value: number) => (Number.isFinite(value) ? formatCount(value) : `>${formatCount(horizon)}`);
  return [
    label,
    formatCount(runs),
    show(percentile(padded, 50)),
    show(percentile(padded, 90)),
    within(2000),
    within(horizon),
    delays.length ? formatCount(percentile(changePointErrors, 50)) : "n/a",
    `${formatCount(percentile(changePointErrors.map(Math.abs), 90))}`,
    formatCount(wrongDirection + early),
  ];
}

// The tool mix: eight tools, one call of each task drawn from a skewed mix (calls of a task assumed
// independent). The baseline is 1,000 calls drawn from the true mix; each window is drawn afresh.
const trueMix: Record<string, number> = { search: 0.32, lookup_policy: 0.2, get_claim: 0.15, create_claim: 0.12, send_email: 0.09, escalate: 0.06, refund: 0.04, close_case: 0.02 };
const shiftedMix: Record<string, number> = { ...trueMix, search: 0.27, escalate: 0.11 };

function drawCounts(random: Random, mix: Record<string, number>, size: number): Record<string, number> {
  const names = Object.keys(mix);
  const counts: Record<string, number> = {};
  for (let i = 0; i < size; i++) {
    let u = random();
    let name = names[names.length - 1];
    for (const candidate of names) if ((u -= mix[candidate]) < 0) (name = candidate, (u = Infinity));
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

function mixRow(window: number): string[] {
  let windows = 0;
  let alarms = 0;
  let fixedAlarms = 0;
  let detected = 0;
  const thresholds: number[] = [];
  for (let b = 0; b < mixBaselines; b++) {
    const random = seededRandom(900_000 + b);
    const baselineCounts = drawCounts(random, trueMix, baselineTasks);
    for (let w = 0; w < mixWindowsPerBaseline; w++) {
      const stable = distributionDrift({ baselineCounts, currentCounts: drawCounts(random, trueMix, window) });
      const shifted = distributionDrift({ baselineCounts, currentCounts: drawCounts(random, shiftedMix, window) });
      windows++;
      if (stable.drifting) alarms++;
      if (stable.distance > 0.1) fixedAlarms++;
      if (shifted.drifting) detected++;
      if (w === 0) thresholds.push(stable.threshold);
    }
  }
  return [
    formatCount(window),
    formatCount(windows),
    `${percentile(thresholds, 50).toFixed(3)}`,
    `${((100 * alarms) / windows).toFixed(2)}%`,
    `${((100 * poissonUpper(alarms)) / windows).toFixed(2)}%`,
    `${((100 * fixedAlarms) / windows).toFixed(1)}%`,
    `${((100 * detected) / windows).toFixed(1)}%`,
  ];
}

const started = Date.now();
console.log(
  `bench:drift — rate detector: ${defaultRateShifts.length * 2} Bernoulli CUSUMs (log-odds shifts ±${defaultRateShifts.join(", ±")}), ` +
    `reference = baseline ± ${defaultRateMargin} SE, threshold h = ${defaultRateThreshold}; baseline ${baseRate * 100}% estimated from ` +
    `${formatCount(baselineTasks)} tasks per run unless "known"; shifts after ${formatCount(warmUp)} stable tasks, followed for ${formatCount(horizon)}.`,
);

table(
  "Stable streams at 85% (false alarms; the detector restarts after each alarm)",
  ["baseline", "streams × tasks", "alarms", "per 100k tasks", "95% upper (Poisson)", "95% upper (by stream)", "streams with ≥ 1"],
  [stableRow("estimated from 1,000 tasks", { known: false }, 1_000_000), stableRow("known 85%", { known: true }, 3_000_000)],
);

table(
  "Shifts (delay in tasks after the change; change-point error = estimate − true change)",
  ["shift", "runs", "median delay", "p90 delay", "≤ 2,000", `≤ ${formatCount(horizon)}`, "cp error median", "|cp error| p90", "other alarms"],
  [
    shiftRow("85 → 91%", 0.91, { known: false }, 5_000_000),
    shiftRow("85 → 91% (known baseline)", 0.91, { known: true }, 5_000_000),
    shiftRow("85 → 88%", 0.88, { known: false }, 6_000_000),
    shiftRow("85 → 79% (down)", 0.79, { known: false }, 7_000_000),
  ],
);

table(
  `Tool mix: Jensen–Shannon distance vs the resampled 99.9% threshold (baseline 1,000 calls; ${mixBaselines} baselines × ${mixWindowsPerBaseline} windows per size; shifted mix moves 5 points from search to escalate)`,
  ["window (calls)", "windows", "threshold (median)", "false alarms", "95% upper", "fixed 0.1 would flag", "shifted mix detected"],
  [100, 500, 2000].map(mixRow),
);
console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s; JS distance of the true and shifted mixes: ${jensenShannonDistance(trueMix, shiftedMix).toFixed(3)})`);
