// Nearest-rank percentile of a list of numbers (milliseconds); NaN when there are none.
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const formatMs = (ms: number) => (Number.isNaN(ms) ? "n/a" : `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`);

export const formatCount = (value: number) => Math.round(value).toLocaleString("en-US");
