// The Drift tab's time ranges (?range=), kept in the URL so a view can be shared. "all" is the series'
// default (since the baseline started, at least 7 days); the others end now.
export const chartRanges = [
  { id: "24h", label: "24 h", ms: 24 * 3_600_000 },
  { id: "48h", label: "48 h", ms: 48 * 3_600_000 },
  { id: "7d", label: "7 days", ms: 7 * 24 * 3_600_000 },
  { id: "all", label: "Since baseline", ms: null },
] as const;
export type ChartRange = (typeof chartRanges)[number]["id"];

export function parseChartRange(value: string | undefined | null): ChartRange {
  return chartRanges.some((range) => range.id === value) ? (value as ChartRange) : "all";
}

// The series' `from` for a range, at this moment (null: the series' default).
export function rangeFrom(range: ChartRange, now = Date.now()): string | null {
  const ms = chartRanges.find((candidate) => candidate.id === range)?.ms ?? null;
  return ms === null ? null : new Date(now - ms).toISOString();
}
