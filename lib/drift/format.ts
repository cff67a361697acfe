import { formatUsd } from "../costs/format";
import type { MetricUnit } from "./metrics";

// How drift values read for people (client-safe): fractions as percents, USD as dollars, latency in ms
// or s, counts and distances as numbers.

const percent = (digits: number) => (value: number) => `${(value * 100).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })}%`;

export function formatDriftValue(value: number | null | undefined, unit: MetricUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  switch (unit) {
    case "fraction":
      return percent(1)(value);
    case "usd":
      return formatUsd(value);
    case "ms":
      return value >= 1000 ? `${(value / 1000).toLocaleString("en-US", { maximumFractionDigits: 2 })} s` : `${Math.round(value).toLocaleString("en-US")} ms`;
    case "count":
      return value.toLocaleString("en-US", { maximumFractionDigits: 1 });
    case "distance":
      return value.toLocaleString("en-US", { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  }
}

/** The y axis: its title (with the unit) and tick format, picked once for the chart's range of values. */
export function driftAxis(unit: MetricUnit, label: string, largest: number): { title: string; tick: (value: number) => string } {
  switch (unit) {
    case "fraction":
      return { title: `${label} (%)`, tick: (value) => `${Math.round(value * 1000) / 10}%` };
    case "usd":
      return { title: `${label} (USD)`, tick: (value) => formatUsd(value) };
    case "ms":
      return largest >= 2000
        ? { title: `${label} (s)`, tick: (value) => (value / 1000).toLocaleString("en-US", { maximumFractionDigits: 1 }) }
        : { title: `${label} (ms)`, tick: (value) => Math.round(value).toLocaleString("en-US") };
    case "count":
      return { title: `${label} (count)`, tick: (value) => value.toLocaleString("en-US", { maximumFractionDigits: 1 }) };
    case "distance":
      return { title: "Jensen–Shannon distance from baseline", tick: (value) => value.toFixed(2) };
  }
}

/** What a point's n counts, for tooltips: tasks, guard decisions, tool calls or an online evaluator's scores. */
export function observationNoun(metric: string, n: number): string {
  const noun =
    metric.startsWith("guard_") || metric === "injection_flag_rate" ? "guard decision" : metric === "tool_mix" ? "tool call" : metric.startsWith("online:") ? "scored trace" : "task";
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}

/** The bucket's length in words ("1 h", "15 min", "1 d"). */
export function bucketText(ms: number): string {
  if (ms >= 86_400_000) return `${ms / 86_400_000} d`;
  if (ms >= 3_600_000) return `${ms / 3_600_000} h`;
  return `${ms / 60_000} min`;
}
