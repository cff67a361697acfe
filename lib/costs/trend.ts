// Pure: how a figure moved against the previous period of equal length.
export type Trend =
  | { direction: "up" | "down" | "flat"; changePct: number }
  /** Nothing to compare with: no tasks (or no priced spend) in the previous period. */
  | { direction: "new"; changePct: null };

// Changes under half a percent read as flat, so rounding noise never shows as an arrow.
const FLAT_BELOW_PCT = 0.5;

export function trendOf(current: number | null, previous: number | null): Trend {
  if (previous === null || previous === 0 || current === null) return { direction: "new", changePct: null };
  const changePct = ((current - previous) / previous) * 100;
  if (Math.abs(changePct) < FLAT_BELOW_PCT) return { direction: "flat", changePct: 0 };
  return { direction: changePct > 0 ? "up" : "down", changePct: Math.round(changePct * 10) / 10 };
}

// A per-task figure: null when there were no tasks (not 0, which would read as "free").
export const perTask = (total: number, tasks: number): number | null => (tasks > 0 ? total / tasks : null);
