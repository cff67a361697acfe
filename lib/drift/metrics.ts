// The metrics drift monitoring watches per agent, what each means and how its baseline value is read.
// Shared by the monitors (lib/drift/monitor), the charts and the alerts so a metric is named, unitised
// and valued the same way everywhere.

export type MetricKind = "rate" | "distribution" | "value";
export type MetricUnit = "fraction" | "usd" | "ms" | "count" | "distance";

// The baseline, frozen when collected: counts for the rates and the tool mix, per-task samples for the
// values. Stored in drift_states.baseline (JSON); `from`/`to` are the first and last task's start times.
export type Baseline = {
  n: number;
  from: string | null;
  to: string | null;
  // The version in production when the baseline was collected (the last task's).
  version: string | null;
  outcomes: Record<string, number>;
  errors: number;
  // Tool calls by tool name, over all baseline tasks.
  tools: Record<string, number>;
  costs: number[];
  latencies: number[];
  steps: number[];
  // Guard decisions during the baseline.
  decisions: number;
  denies: number;
  holds: number;
  injections: number;
};

export function emptyBaseline(): Baseline {
  return { n: 0, from: null, to: null, version: null, outcomes: {}, errors: 0, tools: {}, costs: [], latencies: [], steps: [], decisions: 0, denies: 0, holds: 0, injections: 0 };
}

export type MetricDefinition = { metric: string; kind: MetricKind; unit: MetricUnit; label: string };

const FIXED: Record<string, Omit<MetricDefinition, "metric">> = {
  tool_mix: { kind: "distribution", unit: "distance", label: "Tool-call mix" },
  cost_per_task: { kind: "value", unit: "usd", label: "Cost per task" },
  latency_per_task: { kind: "value", unit: "ms", label: "Latency per task" },
  steps_per_task: { kind: "value", unit: "count", label: "Steps per task" },
  error_rate: { kind: "rate", unit: "fraction", label: "Error rate" },
  guard_deny_rate: { kind: "rate", unit: "fraction", label: "Guard deny rate" },
  guard_hold_rate: { kind: "rate", unit: "fraction", label: "Guard hold rate" },
  injection_flag_rate: { kind: "rate", unit: "fraction", label: "Injection-flag rate" },
};

export const OUTCOME_PREFIX = "outcome_rate:";
const OUTCOME_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
// An online evaluator's failure rate: "online:<evaluator name>" (lib/evals/online; names follow
// ONLINE_NAME_PATTERN so the metric travels in a URL path segment).
export const ONLINE_PREFIX = "online:";
export const ONLINE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/;

// "approved" → "Approval rate"-style labels would need a dictionary; "Outcome approved" is honest.
export function metricDefinition(metric: string): MetricDefinition | null {
  if (metric.startsWith(OUTCOME_PREFIX)) {
    const outcome = metric.slice(OUTCOME_PREFIX.length);
    if (!OUTCOME_PATTERN.test(outcome)) return null;
    return { metric, kind: "rate", unit: "fraction", label: `Rate of outcome "${outcome}"` };
  }
  if (metric.startsWith(ONLINE_PREFIX)) {
    const name = metric.slice(ONLINE_PREFIX.length);
    if (!ONLINE_NAME_PATTERN.test(name)) return null;
    return { metric, kind: "rate", unit: "fraction", label: `Failure rate of online evaluator "${name}"` };
  }
  const fixed = FIXED[metric];
  return fixed ? { metric, ...fixed } : null;
}

export const fixedMetrics = Object.keys(FIXED);

export const outcomeMetric = (outcome: string) => `${OUTCOME_PREFIX}${outcome}`;
export const onlineMetric = (evaluatorName: string) => `${ONLINE_PREFIX}${evaluatorName}`;

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const mean = (values: readonly number[]) => (values.length ? sum(values) / values.length : null);

// A metric's value over the baseline: a rate as a fraction, a value as its mean (the charts plot
// means per time bucket), the tool mix as 0 (its chart plots the distance from the baseline's mix).
export function baselineValue(baseline: Baseline, metric: string): { value: number | null; n: number } {
  const ratio = (count: number, of: number) => ({ value: of > 0 ? count / of : null, n: of });
  if (metric.startsWith(OUTCOME_PREFIX)) return ratio(baseline.outcomes[metric.slice(OUTCOME_PREFIX.length)] ?? 0, baseline.n);
  switch (metric) {
    case "error_rate":
      return ratio(baseline.errors, baseline.n);
    case "guard_deny_rate":
      return ratio(baseline.denies, baseline.decisions);
    case "guard_hold_rate":
      return ratio(baseline.holds, baseline.decisions);
    case "injection_flag_rate":
      return ratio(baseline.injections, baseline.decisions);
    case "tool_mix":
      return { value: 0, n: baseline.n };
    case "cost_per_task":
      return { value: mean(baseline.costs), n: baseline.costs.length };
    case "latency_per_task":
      return { value: mean(baseline.latencies), n: baseline.latencies.length };
    case "steps_per_task":
      return { value: mean(baseline.steps), n: baseline.steps.length };
    default:
      return { value: null, n: 0 };
  }
}
