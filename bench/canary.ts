// The guarded canary's error rates under repeated looks, by simulation (issue 11): how often an
// equal canary is ended anyway (false alarms), and how many canary tasks a worse one needs before
// it is ended (detection delay). Tasks go to the canary with probability 10%; the judge looks after
// every 50 new canary tasks, up to 5,000 canary tasks (100 looks per run). Each run has its own
// seeded generator, so the figures are the same on every machine.
//   npm run bench:canary            (CANARY_BENCH_RUNS=2000, CANARY_BENCH_VALUE_RUNS=1000 by default)
import { judgeCanary, mannWhitney, rateDifferenceSequence, defaultRateMixingSd, type CanaryMetric } from "../lib/versions/canary-statistics";
import { defaultCanarySettings } from "../lib/versions/canary-settings";
import { formatCount } from "./stats";
import { seededRandom, type Random } from "../lib/random/seeded-random";

const runs = Number(process.env.CANARY_BENCH_RUNS ?? 2000);
// The value test re-ranks up to 50,000 latencies at each of 100 looks; fewer runs keep it to minutes.
const valueRuns = Number(process.env.CANARY_BENCH_VALUE_RUNS ?? 1000);
const canaryShare = 0.1;
const lookEvery = 50;
const maxCanaryTasks = 5000;
const baseDenyRate = 0.05;
const latencyMedianMs = 2000;
const latencySigma = 0.6;

function lognormal(random: Random, median: number): number {
  const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return median * Math.exp(latencySigma * gaussian);
}

type Scenario = { canaryDenyRate?: number; latencyFactor?: number };
type Judge = (metric: CanaryMetric) => boolean;

const judgedWorse: Judge = (metric) => judgeCanary([metric], defaultCanarySettings).verdict === "worse";

/** Canary tasks seen when the judge first says "worse", or null if it never does within the run. */
function simulateRun(seed: number, scenario: Scenario, judge: Judge): number | null {
  const random = seededRandom(seed);
  const deny = { canary: { events: 0, n: 0 }, production: { events: 0, n: 0 } };
  const latency = { canary: [] as number[], production: [] as number[] };
  const withLatency = scenario.latencyFactor !== undefined;
  while (deny.canary.n < maxCanaryTasks) {
    const target = deny.canary.n + lookEvery;
    while (deny.canary.n < target) {
      const toCanary = random() < canaryShare;
      const side = toCanary ? deny.canary : deny.production;
      side.n++;
      if (random() < (toCanary ? (scenario.canaryDenyRate ?? baseDenyRate) : baseDenyRate)) side.events++;
      if (withLatency) {
        const factor = toCanary ? (scenario.latencyFactor ?? 1) : 1;
        (toCanary ? latency.canary : latency.production).push(lognormal(random, latencyMedianMs * factor));
      }
    }
    const metric: CanaryMetric = withLatency
      ? { metric: "latency_per_task", kind: "value", worseWhen: "higher", ...latency }
      : { metric: "guard_deny_rate", kind: "rate", worseWhen: "higher", ...deny };
    if (judge(metric)) return deny.canary.n;
  }
  return null;
}

type Summary = { runs: number; called: number; median: number | null; p90: number | null; seconds: number };

function summarise(scenario: Scenario, runCount: number, seedBase: number, judge: Judge = judgedWorse): Summary {
  const started = performance.now();
  const delays: number[] = [];
  for (let run = 0; run < runCount; run++) {
    const delay = simulateRun(seedBase + run, scenario, judge);
    if (delay !== null) delays.push(delay);
  }
  delays.sort((a, b) => a - b);
  // Quantiles over all runs: a run never called counts as later than any called one.
  const quantile = (q: number) => {
    const rank = Math.ceil(q * runCount) - 1;
    return rank < delays.length ? delays[Math.max(0, rank)] : null;
  };
  return { runs: runCount, called: delays.length, median: quantile(0.5), p90: quantile(0.9), seconds: (performance.now() - started) / 1000 };
}

const share = (summary: Summary) => `${((100 * summary.called) / summary.runs).toFixed(2)}%`;
const tasks = (value: number | null) => (value === null ? `> ${formatCount(maxCanaryTasks)}` : formatCount(value));

function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  ");
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of rows) console.log(line(row));
}

console.log(
  `guarded canary, defaults ${JSON.stringify(defaultCanarySettings)}; canary share ${canaryShare * 100}%, ` +
    `a look every ${lookEvery} canary tasks up to ${formatCount(maxCanaryTasks)} (${maxCanaryTasks / lookEvery} looks); ` +
    `deny rate ${baseDenyRate * 100}%, latency lognormal (median ${latencyMedianMs} ms, σ ${latencySigma})`,
);

const settings = defaultCanarySettings;
const hasMinimum = (metric: CanaryMetric) =>
  (metric.kind === "rate" ? Math.min(metric.canary.n, metric.production.n) : Math.min(metric.canary.length, metric.production.length)) >=
  settings.minSamplePerSide;
// The rate rule alone, with another mixing spread or margin than the defaults.
const rateRule =
  (tau: number, margin: number): Judge =>
  (metric) =>
    metric.kind === "rate" &&
    hasMinimum(metric) &&
    rateDifferenceSequence({ canary: metric.canary, production: metric.production, alpha: settings.alpha, tau }).lower > margin;
// The Mann–Whitney half of the value rule alone: what repeated looks do to a fixed-horizon test.
const rankTestAlone: Judge = (metric) =>
  metric.kind === "value" && hasMinimum(metric) && mannWhitney(metric.production, metric.canary).pCanaryGreater < settings.valueAlpha;

const falseAlarms = [
  { name: "rate test (deny 5% vs 5%)", summary: summarise({}, runs, 1_000_000) },
  { name: "rate test without margin (0 pts)", summary: summarise({}, runs, 1_000_000, rateRule(defaultRateMixingSd, 0)) },
  { name: "value test (latency equal)", summary: summarise({ latencyFactor: 1 }, valueRuns, 2_000_000) },
  { name: `value: Mann–Whitney p < ${settings.valueAlpha} alone`, summary: summarise({ latencyFactor: 1 }, valueRuns, 2_000_000, rankTestAlone) },
];
printTable(
  "False alarms: equal canary and production, share of runs ever called worse",
  ["test", "runs", "called worse", "false-alarm rate", "seconds"],
  falseAlarms.map(({ name, summary }) => [name, formatCount(summary.runs), formatCount(summary.called), share(summary), summary.seconds.toFixed(1)]),
);

const detections = [
  { name: "deny 5% → 10%", summary: summarise({ canaryDenyRate: 0.1 }, runs, 3_000_000) },
  { name: "deny 5% → 8%", summary: summarise({ canaryDenyRate: 0.08 }, runs, 4_000_000) },
  { name: "latency × 1.5", summary: summarise({ latencyFactor: 1.5 }, valueRuns, 5_000_000) },
];
printTable(
  `Detection delay: canary tasks until "worse" (never called within ${formatCount(maxCanaryTasks)} counts as later)`,
  ["scenario", "runs", "detected", "median", "p90", "seconds"],
  detections.map(({ name, summary }) => [name, formatCount(summary.runs), share(summary), tasks(summary.median), tasks(summary.p90), summary.seconds.toFixed(1)]),
);

// Neither τ nor the margin changes validity; they trade how early and how small a worsening is caught.
const sensitivityRuns = Math.min(runs, 500);
const rateRow = (label: string, judge: Judge) => {
  const equal = summarise({}, sensitivityRuns, 6_000_000, judge);
  const ten = summarise({ canaryDenyRate: 0.1 }, sensitivityRuns, 7_000_000, judge);
  const eight = summarise({ canaryDenyRate: 0.08 }, sensitivityRuns, 8_000_000, judge);
  return [label, share(equal), `${tasks(ten.median)} / ${tasks(ten.p90)}`, `${share(eight)}, ${tasks(eight.median)} / ${tasks(eight.p90)}`];
};
const sensitivityHeader = ["", "false alarms 5%→5%", "5%→10% median / p90", "5%→8% detected, median / p90"];
printTable(
  `Mixing spread τ of the rate sequence, margin ${settings.rateMargin} (${formatCount(sensitivityRuns)} runs each)`,
  ["τ", ...sensitivityHeader.slice(1)],
  [0.01, 0.02, 0.03, 0.05, 0.1].map((tau) => rateRow(String(tau), rateRule(tau, settings.rateMargin))),
);
printTable(
  `Rate margin, τ ${defaultRateMixingSd} (${formatCount(sensitivityRuns)} runs each)`,
  ["margin", ...sensitivityHeader.slice(1)],
  [0, 0.01, 0.02].map((margin) => rateRow(`${margin * 100} pts`, rateRule(defaultRateMixingSd, margin))),
);
