import { advanceRateMonitor } from "./advance-state";
import { newRateMonitor, WINDOW_TASKS, type RateMonitor } from "./monitor-state";
import { isoOf, type Detection } from "./records";

// Drift of an online evaluator's failure rate (metric "online:<name>"), as a pure state machine kept in
// online_evaluators.drift: its first ONLINE_BASELINE_SCORES scores are the baseline, then every score
// feeds the same rate CUSUM as the agent's other rates (lib/drift/rate-detector.ts through
// advanceRateMonitor). A score is an observation at its trace's start time; a failed score is a hit.

// Scores rather than the 1,000 tasks of the agent's own baseline: with a sample rate below 1, 1,000
// scores could take days to collect. 200 scores put the baseline rate within ±5 points at 20% failures;
// below RARE_COUNT failures the CUSUM's reference keeps a full standard error of margin (monitor-state.ts).
export const ONLINE_BASELINE_SCORES = 200;

export type OnlineBaseline = { n: number; failures: number; from: string | null; to: string | null; version: string | null };
export type OnlineDrift = { status: "collecting_baseline" | "monitoring"; baseline: OnlineBaseline; monitor: RateMonitor | null };
export type ScoreObservation = { at: number; passed: boolean; version: string | null };

export function newOnlineDrift(): OnlineDrift {
  return { status: "collecting_baseline", baseline: { n: 0, failures: 0, from: null, to: null, version: null }, monitor: null };
}

/** The stored state ({} for an evaluator never scored, or reset when its settings changed). */
export function onlineDriftOf(stored: unknown): OnlineDrift {
  const value = stored as Partial<OnlineDrift> | null;
  if (!value || !value.baseline || !value.status) return newOnlineDrift();
  return { status: value.status, baseline: value.baseline, monitor: value.monitor ?? null };
}

export const onlineBaselineRate = (baseline: OnlineBaseline) => (baseline.n > 0 ? baseline.failures / baseline.n : null);
export const onlineWindowSize = (baseline: OnlineBaseline) => Math.max(100, Math.min(WINDOW_TASKS, baseline.n));

/** Feeds scores in the order they were made; returns the drift found, if any (the state is updated in place). */
export function advanceOnlineDrift(state: OnlineDrift, metric: string, scores: readonly ScoreObservation[]): Detection | null {
  const monitoring: ScoreObservation[] = [];
  for (const score of scores) {
    if (state.status === "monitoring") {
      monitoring.push(score);
      continue;
    }
    const baseline = state.baseline;
    baseline.n += 1;
    if (!score.passed) baseline.failures += 1;
    const at = isoOf(score.at)!;
    if (baseline.from === null || at < baseline.from) baseline.from = at;
    if (baseline.to === null || at > baseline.to) baseline.to = at;
    baseline.version = score.version ?? baseline.version;
    if (baseline.n >= ONLINE_BASELINE_SCORES) {
      state.status = "monitoring";
      state.monitor = newRateMonitor({ value: onlineBaselineRate(baseline), n: baseline.n }, "scores");
    }
  }
  if (!state.monitor || monitoring.length === 0) return null;
  const reference = { value: onlineBaselineRate(state.baseline), windowSize: onlineWindowSize(state.baseline), version: state.baseline.version };
  return advanceRateMonitor(
    reference,
    metric,
    state.monitor,
    monitoring.map((score) => ({ at: score.at, hit: !score.passed, version: score.version })),
  );
}
