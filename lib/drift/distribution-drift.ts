import { seededRandom, seedFromString, type Random } from "../random/seeded-random";

// Drift of a categorical mix (the tool-call mix: calls per tool name) from its baseline, by the
// Jensen–Shannon distance with a threshold that depends on the window's size. A fixed threshold (0.1,
// Evidently's and NannyML's default) fires on small windows, because the distance between a sample and
// its own source shrinks only like 1/√n; here the threshold is the high quantile of the distance that
// resampling gives when nothing has changed, at the current window's size.
//
// The resampling is two-sample: each draw takes a baseline of the baseline's size and a window of the
// current window's size, both multinomial from the baseline's observed mix, and measures the distance
// between them, just as the live statistic compares two samples. So the threshold also covers the
// baseline's own sampling error (a baseline of 1,000 calls misreads a 5% tool by about ±0.7 points).
// Calls are treated as independent draws; calls of one task are not, which makes real windows
// somewhat more variable than the resampled ones (see bench/drift.ts for the measured false alarms).

export type Counts = Readonly<Record<string, number>>;

export type DistributionDrift = {
  distance: number;
  threshold: number;
  drifting: boolean;
  /** Observations (calls) in the current window. */
  n: number;
  /** The window size the threshold was calibrated at (the lower edge of n's bucket). */
  calibratedAt: number;
};

export type DistributionDriftOptions = {
  /** Observations per category, not shares: the baseline's size sets its own sampling error. */
  baselineCounts: Counts;
  currentCounts: Counts;
  seed?: number;
  /** Quantile of the resampled distances taken as threshold; 0.999 ≈ one false alarm per 1,000 windows. */
  quantile?: number;
  /** Resampled pairs per calibration. */
  draws?: number;
};

export const defaultDriftQuantile = 0.999;
export const defaultDriftDraws = 4000;
// Window sizes are bucketed on a grid of 2^(1/4) (19% steps) and calibrated at the bucket's lower edge,
// where the threshold is higher: a cached threshold is never below the exact one for its window.
const bucketsPerDoubling = 4;
const cacheLimit = 512;
const thresholdCache = new Map<string, number>();

/**
 * Jensen–Shannon distance (the square root of the JS divergence, base-2 logarithms) between two
 * distributions given as counts or weights per category; they are normalised here. 0 for identical
 * mixes, 1 for mixes with no category in common. Empty inputs have no distribution: NaN.
 */
export function jensenShannonDistance(p: Counts, q: Counts): number {
  const categories = [...new Set([...Object.keys(p), ...Object.keys(q)])];
  return jsFromVectors(
    categories.map((c) => p[c] ?? 0),
    categories.map((c) => q[c] ?? 0),
  );
}

export function distributionDrift({
  baselineCounts,
  currentCounts,
  seed = 0,
  quantile = defaultDriftQuantile,
  draws = defaultDriftDraws,
}: DistributionDriftOptions): DistributionDrift {
  if (!(quantile > 0 && quantile < 1)) throw new RangeError(`quantile must be in (0, 1), got ${quantile}`);
  const baseline = cleanCounts(baselineCounts);
  const current = cleanCounts(currentCounts);
  const n = total(current);
  const baselineN = total(baseline);
  if (n === 0 || baselineN === 0) return { distance: Number.NaN, threshold: Number.NaN, drifting: false, n, calibratedAt: 0 };
  const distance = jensenShannonDistance(baseline, current);
  const calibratedAt = bucketFloor(n);
  const threshold = resampledThreshold(baseline, calibratedAt, quantile, draws, seed);
  return { distance, threshold, drifting: distance > threshold, n, calibratedAt };
}

/** The resampled threshold for a window of `windowSize` observations against this baseline, cached. */
export function resampledThreshold(baselineCounts: Counts, windowSize: number, quantile = defaultDriftQuantile, draws = defaultDriftDraws, seed = 0): number {
  const baseline = cleanCounts(baselineCounts);
  const categories = Object.keys(baseline).sort();
  const key = JSON.stringify([categories.map((c) => [c, baseline[c]]), windowSize, quantile, draws, seed]);
  const cached = thresholdCache.get(key);
  if (cached !== undefined) return cached;
  const weights = categories.map((c) => baseline[c]);
  const baselineN = weights.reduce((a, b) => a + b, 0);
  const table = Float64Array.from(weights, (weight) => weight / baselineN);
  const random = seededRandom(seedFromString(key) ^ seed);
  const distances = new Float64Array(draws);
  for (let d = 0; d < draws; d++) {
    distances[d] = jsFromVectors(multinomial(table, baselineN, random), multinomial(table, windowSize, random));
  }
  distances.sort();
  const threshold = distances[Math.min(draws - 1, Math.ceil(quantile * draws) - 1)];
  if (thresholdCache.size >= cacheLimit) thresholdCache.delete(thresholdCache.keys().next().value as string);
  thresholdCache.set(key, threshold);
  return threshold;
}

/** The lower edge of n's bucket on the 2^(1/4) grid (whole observations, at least 1). */
export function bucketFloor(n: number): number {
  if (n <= 8) return Math.max(1, Math.floor(n));
  const floor = Math.floor(2 ** (Math.floor(Math.log2(n) * bucketsPerDoubling + 1e-9) / bucketsPerDoubling));
  return Math.min(floor, Math.floor(n));
}

function jsFromVectors(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let sumP = 0;
  let sumQ = 0;
  for (let i = 0; i < p.length; i++) (sumP += p[i], sumQ += q[i]);
  if (!(sumP > 0 && sumQ > 0)) return Number.NaN;
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i] / sumP;
    const b = q[i] / sumQ;
    const m = (a + b) / 2;
    if (a > 0) divergence += (a / 2) * Math.log2(a / m);
    if (b > 0) divergence += (b / 2) * Math.log2(b / m);
  }
  // Rounding can leave a tiny negative divergence for identical inputs, and a hair above 1 for disjoint ones.
  return Math.sqrt(Math.min(1, Math.max(0, divergence)));
}

// A multinomial sample as a chain of binomials (category i gets Binomial(left, p_i / mass left)), so a
// draw costs a few operations per category instead of one per observation: a calibration resamples
// thousands of baselines and windows, and it runs on the server's main thread.
function multinomial(probabilities: Float64Array, size: number, random: Random): Float64Array {
  const k = probabilities.length;
  const counts = new Float64Array(k);
  let left = size;
  let mass = 1;
  for (let i = 0; i < k - 1 && left > 0; i++) {
    const share = mass > 0 ? Math.min(1, probabilities[i] / mass) : 1;
    const drawn = binomial(left, share, random);
    counts[i] = drawn;
    left -= drawn;
    mass -= probabilities[i];
  }
  counts[k - 1] += left;
  return counts;
}

// Binomial(n, p): exact by waiting times (the gaps between successes are geometric, Devroye 1986 X.4)
// while n·min(p, 1 − p) < 30 — at most ~30 steps, and the small counts where approximations fail;
// beyond, the normal approximation with continuity correction, whose error there is far below the
// resampling's own (bench/drift.ts measures the thresholds' false alarms).
function binomial(n: number, p: number, random: Random): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const flipped = p > 0.5;
  const q = flipped ? 1 - p : p;
  let successes: number;
  if (n * q < 30) {
    const logFailure = Math.log1p(-q);
    successes = -1;
    for (let trials = 0; trials <= n; successes++) trials += Math.ceil(Math.log(1 - random()) / logFailure) || 1;
  } else {
    const u1 = 1 - random();
    const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random());
    successes = Math.min(n, Math.max(0, Math.round(n * q + Math.sqrt(n * q * (1 - q)) * normal)));
  }
  return flipped ? n - successes : successes;
}

function cleanCounts(counts: Counts): Record<string, number> {
  const clean: Record<string, number> = {};
  for (const [category, count] of Object.entries(counts)) {
    if (!(Number.isFinite(count) && count >= 0)) throw new RangeError(`counts must be finite and ≥ 0, got ${category}: ${count}`);
    if (count > 0) clean[category] = count;
  }
  return clean;
}

function total(counts: Counts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
