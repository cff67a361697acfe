// How each compared metric reads: names in words, values in their units, differences signed.
const names: Record<string, string> = {
  error_rate: "Error rate",
  guard_deny_rate: "Guard deny rate",
  guard_hold_rate: "Guard hold rate",
  cost_per_task: "Cost per task",
  latency_per_task: "Latency per task",
  steps_per_task: "Steps per task",
};

export function metricName(metric: string): string {
  if (metric.startsWith("outcome_rate:")) return `Outcome “${metric.slice("outcome_rate:".length)}”`;
  if (metric.startsWith("online:")) return `Online evaluator “${metric.slice("online:".length)}” pass rate`;
  return names[metric] ?? metric;
}

const isRate = (metric: string) => metric.endsWith("_rate") || metric.startsWith("outcome_rate:") || metric.startsWith("online:");
const minus = "\u2212";
const signed = (text: string, value: number) => (value > 0 ? `+${text}` : value < 0 ? `${minus}${text.replace(/^-/, "")}` : text);

function plain(metric: string, value: number): string {
  if (metric === "cost_per_task") return `$${Math.abs(value) >= 1 ? Math.abs(value).toFixed(2) : Math.abs(value).toPrecision(3)}`;
  if (metric === "latency_per_task") return Math.abs(value) >= 1000 ? `${(Math.abs(value) / 1000).toFixed(2)} s` : `${Math.round(Math.abs(value))} ms`;
  return String(Number(Math.abs(value).toPrecision(3)));
}

export function formatValue(metric: string, value: number | null): string {
  if (value === null) return "—";
  if (isRate(metric)) return `${(value * 100).toFixed(1)}%`;
  return plain(metric, value);
}

export function formatDifference(metric: string, value: number | null): string {
  if (value === null) return "—";
  if (isRate(metric)) return signed(`${Math.abs(value * 100).toFixed(1)} pts`, Number((value * 100).toFixed(1)));
  return signed(plain(metric, value), value);
}
