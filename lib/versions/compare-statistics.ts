import { normalQuantile } from "./normal-distribution";
import { rateDifferenceInterval, type RateSample } from "./rate-test";

// Differences between two versions (b − a) with a fixed-horizon 95% interval, for the comparison page:
// one look at a chosen period, not a sequential judge (the guarded canary has its own, in canary-statistics).
//  - Proportions (error, deny, outcome, pass rates): Newcombe's hybrid score interval from each side's
//    Wilson interval (rate-test), which behaves at 0 events and small n where Wald collapses.
//  - Means (cost, latency, steps per task): Welch's interval, the t quantile at the Welch–Satterthwaite
//    degrees of freedom (no equal-variance assumption: a new version often changes the spread too).

export type { RateSample } from "./rate-test";
/** A side summarised the way the database hands it over: count, mean and sample variance. */
export type MeanSample = { n: number; mean: number | null; variance: number | null };
export type Difference = { difference: number | null; low: number | null; high: number | null };

export const compareConfidence = 0.95;

/** b − a of two proportions; null throughout while either side has no observations. */
export function proportionDifference(a: RateSample, b: RateSample, confidence = compareConfidence): Difference {
  if (a.n === 0 || b.n === 0) return { difference: null, low: null, high: null };
  const interval = rateDifferenceInterval({ canary: b, production: a, confidence });
  return { difference: interval.estimate, low: interval.lower, high: interval.upper };
}

/**
 * b − a of two means with Welch's interval. The difference shows from one observation a side; the
 * interval needs a variance on each side (n ≥ 2). Two sides without spread give a point interval.
 */
export function meanDifference(a: MeanSample, b: MeanSample, confidence = compareConfidence): Difference {
  if (a.n === 0 || b.n === 0 || a.mean === null || b.mean === null) return { difference: null, low: null, high: null };
  const difference = b.mean - a.mean;
  if (a.n < 2 || b.n < 2 || a.variance === null || b.variance === null) return { difference, low: null, high: null };
  const errorA = a.variance / a.n;
  const errorB = b.variance / b.n;
  const standardError = Math.sqrt(errorA + errorB);
  if (standardError === 0) return { difference, low: difference, high: difference };
  const degrees = (errorA + errorB) ** 2 / (errorA ** 2 / (a.n - 1) + errorB ** 2 / (b.n - 1));
  const halfWidth = studentQuantile(1 - (1 - confidence) / 2, degrees) * standardError;
  return { difference, low: difference - halfWidth, high: difference + halfWidth };
}

/** Whether the interval lies wholly on one side of 0 (the difference is unlikely to be chance). */
export function isSignificant({ low, high }: Pick<Difference, "low" | "high">): boolean {
  return low !== null && high !== null && (low > 0 || high < 0);
}

/**
 * The p-quantile of Student's t with ν degrees of freedom (ν may be fractional, as Welch's is), by the
 * Cornish–Fisher expansion around the normal quantile (Abramowitz & Stegun 26.7.5): relative error
 * below 0.2% from ν = 3, shrinking as ν grows. Below 3 the expansion is too narrow, so the exact closed
 * forms for ν = 1 (Cauchy) and ν = 2 are used, interpolated linearly between 1, 2 and 3, which errs on
 * the wide side (Welch's ν is never below 1).
 */
export function studentQuantile(p: number, degrees: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentQuantile needs 0 < p < 1, got ${p}`);
  if (!(degrees > 0)) throw new RangeError(`degrees of freedom must be positive, got ${degrees}`);
  if (degrees < 3) {
    const one = Math.tan(Math.PI * (p - 0.5));
    const two = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
    if (degrees <= 1) return one;
    if (degrees <= 2) return one + (two - one) * (degrees - 1);
    return two + (cornishFisher(p, 3) - two) * (degrees - 2);
  }
  return cornishFisher(p, degrees);
}

function cornishFisher(p: number, v: number): number {
  const z = normalQuantile(p);
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  const z9 = z ** 9;
  return (
    z +
    (z3 + z) / (4 * v) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * v ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v ** 3) +
    (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v ** 4)
  );
}
