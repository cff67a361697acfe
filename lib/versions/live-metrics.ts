import { meanDifference, proportionDifference, type MeanSample, type RateSample } from "./compare-statistics";

// The live-traffic metrics of two versions side by side, from each side's totals over the period. Pure:
// compare-live.ts counts, this decides which metrics show and how each is compared.

export type LiveSide = {
  tasks: number;
  errors: number;
  outcomes: Record<string, number>;
  cost: MeanSample;
  latencyMs: MeanSample;
  steps: MeanSample;
  decisions: number;
  denies: number;
  holds: number;
  /** Online evaluator name → scored traces and how many passed. */
  online: Record<string, { scored: number; passed: number }>;
};

export type CompareMetric = {
  name: string;
  kind: "rate" | "mean";
  a: number | null;
  b: number | null;
  difference: number | null;
  low: number | null;
  high: number | null;
  n: { a: number; b: number };
};

/** An outcome shows when it is at least this share of either side's tasks (rarer ones are noise). */
export const minimumOutcomeShare = 0.01;

export function liveMetrics(a: LiveSide, b: LiveSide): CompareMetric[] {
  const metrics: CompareMetric[] = [];
  const shown = (outcome: string) => [a, b].some((side) => side.tasks > 0 && (side.outcomes[outcome] ?? 0) / side.tasks >= minimumOutcomeShare);
  const outcomes = [...new Set([...Object.keys(a.outcomes), ...Object.keys(b.outcomes)])].filter(shown).sort();
  for (const outcome of outcomes) {
    metrics.push(rate(`outcome_rate:${outcome}`, { events: a.outcomes[outcome] ?? 0, n: a.tasks }, { events: b.outcomes[outcome] ?? 0, n: b.tasks }));
  }
  metrics.push(rate("error_rate", { events: a.errors, n: a.tasks }, { events: b.errors, n: b.tasks }));
  metrics.push(rate("guard_deny_rate", { events: a.denies, n: a.decisions }, { events: b.denies, n: b.decisions }));
  metrics.push(rate("guard_hold_rate", { events: a.holds, n: a.decisions }, { events: b.holds, n: b.decisions }));
  metrics.push(mean("cost_per_task", a.cost, b.cost));
  metrics.push(mean("latency_per_task", a.latencyMs, b.latencyMs));
  metrics.push(mean("steps_per_task", a.steps, b.steps));
  for (const name of [...new Set([...Object.keys(a.online), ...Object.keys(b.online)])].sort()) {
    const scores = (side: LiveSide): RateSample => ({ events: side.online[name]?.passed ?? 0, n: side.online[name]?.scored ?? 0 });
    metrics.push(rate(`online:${name}`, scores(a), scores(b)));
  }
  return metrics;
}

/** Two proportions (as fractions) compared: an empty side shows null. */
export function rate(name: string, a: RateSample, b: RateSample): CompareMetric {
  return {
    name,
    kind: "rate",
    a: a.n ? a.events / a.n : null,
    b: b.n ? b.events / b.n : null,
    ...proportionDifference(a, b),
    n: { a: a.n, b: b.n },
  };
}

function mean(name: string, a: MeanSample, b: MeanSample): CompareMetric {
  return { name, kind: "mean", a: a.n ? a.mean : null, b: b.n ? b.mean : null, ...meanDifference(a, b), n: { a: a.n, b: b.n } };
}
