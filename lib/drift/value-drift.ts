import { hodgesLehmannShiftSorted, mannWhitneySorted, sortedMedian, sortedValues } from "../versions/rank-test";

// Drift of a per-task value (cost, latency, tokens, steps) from its baseline sample: the two-sided
// Mann–Whitney test of the current window against the baseline (shape-free, so skewed, heavy-tailed
// latencies and costs need no transformation), with the Hodges–Lehmann shift as the size of the change.
// A window drifts when the test rejects AND the shift is beyond a relative tolerance of the baseline's
// median, so a large baseline cannot flag a difference too small to matter (Kayenta's pairing).
//
// The windows are looked at repeatedly (every new window of a monitor is another test), so `alpha` is
// the family-wise rate over `looks` windows and each window is tested at alpha / looks (Bonferroni):
// with alpha 0.01 over 1,000 windows a day, a stable value flags at most one window in 100 days.

export type ValueDriftOptions = {
  baseline: readonly number[];
  current: readonly number[];
  /** Family-wise false-alarm rate over `looks` windows. */
  alpha: number;
  /** Relative change of the median that matters, e.g. 0.25 for ±25% of the baseline's median. */
  tolerance: number;
  /** Windows the alpha is shared by (Bonferroni); 1 for a single look. */
  looks?: number;
};

export type ValueDrift = {
  /** Two-sided Mann–Whitney p-value. */
  pValue: number;
  /** Standardised U: positive when current values tend to be larger. */
  z: number;
  /** The alpha each window is tested at (alpha / looks). */
  alphaPerLook: number;
  /** Hodges–Lehmann shift current − baseline and its interval at confidence 1 − alphaPerLook. */
  shift: number;
  shiftLower: number;
  shiftUpper: number;
  baselineMedian: number;
  currentMedian: number;
  /** shift / |baseline median| (NaN when the median is 0). */
  relativeShift: number;
  significant: boolean;
  beyondTolerance: boolean;
  drifting: boolean;
  direction: "up" | "down" | null;
  n: number;
  baselineN: number;
};

export const defaultValueLooks = 1000;

export function valueDrift({ baseline, current, alpha, tolerance, looks = defaultValueLooks }: ValueDriftOptions): ValueDrift {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (!(tolerance >= 0)) throw new RangeError(`tolerance must be ≥ 0, got ${tolerance}`);
  if (!(Number.isInteger(looks) && looks >= 1)) throw new RangeError(`looks must be a positive integer, got ${looks}`);
  const sortedBaseline = sortedValues(baseline);
  const sortedCurrent = sortedValues(current);
  const alphaPerLook = alpha / looks;
  const test = mannWhitneySorted(sortedBaseline, sortedCurrent);
  const estimate = hodgesLehmannShiftSorted(sortedBaseline, sortedCurrent, 1 - alphaPerLook);
  const baselineMedian = sortedMedian(sortedBaseline);
  const currentMedian = sortedMedian(sortedCurrent);
  const relativeShift = baselineMedian === 0 ? Number.NaN : estimate.shift / Math.abs(baselineMedian);
  const significant = test.pTwoSided < alphaPerLook;
  // With a zero median any significant shift counts as beyond tolerance: there is no scale to be relative to.
  const beyondTolerance = Number.isNaN(relativeShift) ? significant : Math.abs(relativeShift) > tolerance;
  const drifting = significant && beyondTolerance;
  return {
    pValue: test.pTwoSided,
    z: test.z,
    alphaPerLook,
    shift: estimate.shift,
    shiftLower: estimate.lower,
    shiftUpper: estimate.upper,
    baselineMedian,
    currentMedian,
    relativeShift,
    significant,
    beyondTolerance,
    drifting,
    direction: drifting ? (estimate.shift > 0 ? "up" : "down") : null,
    n: sortedCurrent.length,
    baselineN: sortedBaseline.length,
  };
}
