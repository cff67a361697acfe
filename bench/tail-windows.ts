// Whether a run's slowest calls came spread out or in bursts: the calls slower than the run's p99, by
// the window (windowMs of due time) they fell due in. A tail set by a few stalls (a GC pause, a slow
// commit, the machine busy elsewhere) sits in a few windows; one set by every call being a little slow
// is spread over most of them.

export type TailWindows = {
  slowCalls: number; // calls slower than the p99
  windows: number; // windows of the run
  windowsWithSlow: number; // windows in which at least one slow call fell due
  worstShare: number; // share of the slow calls in the `worst` windows holding most of them
  worst: number;
  worstAtS: number[]; // where those windows start, in seconds from the run's first due call, in time order
};

export function tailWindows(calls: { dueAt: number; ms: number }[], p99Ms: number, windowMs = 100, worst = 5): TailWindows | null {
  if (calls.length === 0 || Number.isNaN(p99Ms)) return null;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const call of calls) {
    first = Math.min(first, call.dueAt);
    last = Math.max(last, call.dueAt);
  }
  const perWindow = new Map<number, number>();
  let slowCalls = 0;
  for (const call of calls) {
    if (call.ms <= p99Ms) continue;
    slowCalls++;
    const window = Math.floor((call.dueAt - first) / windowMs);
    perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
  }
  const top = [...perWindow].sort((a, b) => b[1] - a[1]).slice(0, worst);
  return {
    slowCalls,
    windows: Math.floor((last - first) / windowMs) + 1,
    windowsWithSlow: perWindow.size,
    worstShare: slowCalls ? top.reduce((sum, [, n]) => sum + n, 0) / slowCalls : 0,
    worst,
    worstAtS: top.map(([window]) => (window * windowMs) / 1000).sort((a, b) => a - b),
  };
}
