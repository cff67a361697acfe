import { createRateDetector, type RateDetectorState } from "../rate-detector";
import { baselineValue, fixedMetrics, metricDefinition, outcomeMetric, OUTCOME_PREFIX, type Baseline } from "../metrics";
import type { Detection, Reading } from "./records";

// Each metric's monitor, as stored in drift_states.monitors (JSON). Rates are tested task by task (or
// decision by decision) with the CUSUM of lib/drift/rate-detector.ts; the tool mix and per-task values
// are tested on consecutive windows of WINDOW_TASKS tasks (lib/drift/distribution-drift.ts,
// lib/drift/value-drift.ts). `current` is what the monitor last read: for a rate the tasks of the last
// full window (the running window while the first fills), for the others the last tested window.
// `detection` is the latest drift found; it stays until the metric is re-baselined, and the alert it
// raised says whether people still treat it as open.

export type RateMonitor = {
  kind: "rate";
  // scores: an online evaluator's scores (kept on its own row, not in drift_states).
  stream: "tasks" | "decisions" | "scores";
  detector: RateDetectorState;
  window: { n: number; hits: number; from: number | null; to: number | null };
  current: Reading;
  detection?: Detection & { alertId?: string | null };
};

export type WindowMonitor = {
  kind: "distribution" | "value";
  window: { n: number; from: number | null; to: number | null; tools: Record<string, number>; values: number[] };
  current: Reading & { statistic?: number; threshold?: number };
  detection?: Detection & { alertId?: string | null };
};

export type MonitorState = RateMonitor | WindowMonitor;
export type Monitors = Record<string, MonitorState>;

// Tasks per window of the windowed tests (at most one false alarm per 1,000 windows each, so about 0.2
// per 100,000 stable tasks), and per window of a rate's displayed current value.
export const WINDOW_TASKS = 500;
// An outcome is watched when it was at least this common in the baseline (or a person asked for it).
const MIN_OUTCOME_COUNT = 5;
const MIN_OUTCOME_SHARE = 0.01;
const MAX_DEFAULT_OUTCOMES = 10;
// Guard and value metrics need this many baseline observations to be compared with.
const MIN_OBSERVATIONS = 30;

const emptyReading = (): Reading => ({ value: null, n: 0, from: null, to: null });

export function windowSizeFor(baseline: Baseline): number {
  return Math.max(100, Math.min(WINDOW_TASKS, baseline.n));
}

// The monitors a frozen baseline supports.
export function createMonitors(baseline: Baseline, extraOutcomes: readonly string[]): Monitors {
  const monitors: Monitors = {};
  const outcomes = Object.entries(baseline.outcomes)
    .filter(([, count]) => count >= MIN_OUTCOME_COUNT && count >= MIN_OUTCOME_SHARE * baseline.n)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_DEFAULT_OUTCOMES)
    .map(([outcome]) => outcome);
  // Two outcomes that cover (almost) every task mirror each other (approved 85% ↔ rejected 15%): one
  // shift would raise two alerts. The commoner one is watched.
  const covered = outcomes.reduce((sum, outcome) => sum + (baseline.outcomes[outcome] ?? 0), 0);
  if (outcomes.length === 2 && covered >= 0.99 * baseline.n) outcomes.pop();
  for (const outcome of new Set([...outcomes, ...extraOutcomes])) {
    const metric = outcomeMetric(outcome);
    if (metricDefinition(metric)) monitors[metric] = rateMonitor(baseline, metric, "tasks");
  }
  for (const metric of fixedMetrics) {
    const monitor = fixedMonitor(baseline, metric);
    if (monitor) monitors[metric] = monitor;
  }
  return monitors;
}

// A person added an outcome to watch after the baseline froze: its rate in the baseline is known.
export function addOutcomeMonitor(monitors: Monitors, baseline: Baseline, outcome: string): void {
  const metric = outcomeMetric(outcome);
  if (!monitors[metric]) monitors[metric] = rateMonitor(baseline, metric, "tasks");
}

function fixedMonitor(baseline: Baseline, metric: string): MonitorState | null {
  switch (metric) {
    case "error_rate":
      return rateMonitor(baseline, metric, "tasks");
    case "guard_deny_rate":
    case "guard_hold_rate":
    case "injection_flag_rate":
      return baseline.decisions >= MIN_OBSERVATIONS ? rateMonitor(baseline, metric, "decisions") : null;
    case "tool_mix":
      return Object.values(baseline.tools).some((calls) => calls > 0) ? windowMonitor("distribution") : null;
    default:
      return baseline.n >= MIN_OBSERVATIONS ? windowMonitor("value") : null;
  }
}

// A rare event's baseline rate is misread by more, relative to itself (20 errors in 1,000 tasks: ±22%),
// and misread baselines cause most false alarms: below RARE_COUNT hits (or misses) the reference sits a
// full standard error away instead of half. Measured on 100 streams × 100,000 tasks, 1,000-task
// baselines: at 2% 1.34 → 0.44 false alarms per 100,000 tasks (a doubling found in a median of 1,708
// tasks instead of 1,295); at 10% 0.61 → 0.23 (median 248 vs 241).
const RARE_COUNT = 120;
const RARE_MARGIN = 1;

function rateMonitor(baseline: Baseline, metric: string, stream: RateMonitor["stream"]): RateMonitor {
  return newRateMonitor(baselineValue(baseline, metric), stream);
}

export function newRateMonitor({ value, n }: { value: number | null; n: number }, stream: RateMonitor["stream"]): RateMonitor {
  const hits = Math.round((value ?? 0) * n);
  const margin = Math.min(hits, n - hits) < RARE_COUNT ? RARE_MARGIN : undefined;
  const detector = createRateDetector({ baselineRate: value ?? 0, baselineN: Math.max(1, n), margin }).state();
  return { kind: "rate", stream, detector, window: { n: 0, hits: 0, from: null, to: null }, current: emptyReading() };
}

function windowMonitor(kind: WindowMonitor["kind"]): WindowMonitor {
  return { kind, window: { n: 0, from: null, to: null, tools: {}, values: [] }, current: emptyReading() };
}

export const isOutcomeMetric = (metric: string) => metric.startsWith(OUTCOME_PREFIX);
