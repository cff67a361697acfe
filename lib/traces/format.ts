// How trace figures read on screen (client-safe). Costs keep the "unpriced" distinction: a cost that
// is unknown is never shown as $0.

export function formatUsd(value: number): string {
  if (value === 0) return "$0.00";
  const abs = Math.abs(value);
  if (abs >= 1) return `$${value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (abs >= 0.01) return `$${value.toFixed(4)}`;
  return `$${Number(value.toPrecision(2)).toFixed(Math.min(8, 1 - Math.floor(Math.log10(abs))))}`;
}

export type CostDisplay = { text: string; state: "priced" | "partial" | "unpriced" };

// null cost → "unpriced"; some spans unpriced → a lower bound ("≥ $x"); else the cost.
export function costDisplay(costUsd: number | null, unpricedSpans: number): CostDisplay {
  if (costUsd === null) return { text: "unpriced", state: "unpriced" };
  if (unpricedSpans > 0) return { text: `≥ ${formatUsd(costUsd)}`, state: "partial" };
  return { text: formatUsd(costUsd), state: "priced" };
}

export function formatDuration(ms: number): string {
  if (ms < 1) return "< 1 ms";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min ${seconds} s`;
}

export const formatCount = (value: number) => value.toLocaleString("en-US");

export const formatPercent = (ratio: number) => `${(ratio * 100).toFixed(ratio > 0 && ratio < 0.001 ? 2 : 1)} %`;

export function formatBytes(length: number): string {
  if (length < 1024) return `${length} B`;
  if (length < 1024 * 1024) return `${(length / 1024).toFixed(1)} KB`;
  return `${(length / 1024 / 1024).toFixed(1)} MB`;
}
