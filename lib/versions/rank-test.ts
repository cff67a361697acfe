import { normalQuantile, normalUpperTail } from "./normal-distribution";

// Rank statistics for per-task values (cost, latency, steps): the Mann–Whitney U test and the
// Hodges–Lehmann shift with its distribution-free interval, the pair Kayenta judges canaries with.
// They assume nothing about the shape of the distributions, which for latency and cost are skewed
// and heavy-tailed.

export type MannWhitneyResult = {
  /** U of the canary: pairs with canary > production, ties counting ½; u / (n1·n2) estimates P(canary > production). */
  u: number;
  /** Standardised U, continuity corrected towards 0; positive when the canary tends to be larger. */
  z: number;
  /** One-sided p-value against "canary not larger than production". */
  pCanaryGreater: number;
  pTwoSided: number;
  /** Production sample size. */
  n1: number;
  /** Canary sample size. */
  n2: number;
};

export type ShiftEstimate = { shift: number; lower: number; upper: number };

/**
 * Mann–Whitney U (Wilcoxon rank-sum) test of canary against production with the normal
 * approximation: tie-corrected variance and a continuity correction of ½, as scipy.stats.mannwhitneyu
 * with method="asymptotic" and R's wilcox.test(exact = FALSE) compute it. Sorting each side once and
 * merging keeps it O(N log N). With an empty side, or every value tied, nothing can be told: z = 0 and
 * both p-values are 1.
 */
export function mannWhitney(production: readonly number[], canary: readonly number[]): MannWhitneyResult {
  return mannWhitneySorted(sortedValues(production), sortedValues(canary));
}

/** mannWhitney on samples already sorted ascending (by sortedValues), so a judge sorts each side once. */
export function mannWhitneySorted(sortedProduction: Float64Array, sortedCanary: Float64Array): MannWhitneyResult {
  const n1 = sortedProduction.length;
  const n2 = sortedCanary.length;
  let u = 0;
  let tieTerm = 0;
  let i = 0;
  let j = 0;
  // Walk both sorted samples one distinct value at a time: each canary value at v wins against the
  // production values below v and ties with those at v.
  while (i < n1 || j < n2) {
    const value = Math.min(i < n1 ? sortedProduction[i] : Infinity, j < n2 ? sortedCanary[j] : Infinity);
    const productionBelow = i;
    let productionAt = 0;
    let canaryAt = 0;
    while (i < n1 && sortedProduction[i] === value) (i++, productionAt++);
    while (j < n2 && sortedCanary[j] === value) (j++, canaryAt++);
    u += canaryAt * (productionBelow + productionAt / 2);
    const tied = productionAt + canaryAt;
    tieTerm += tied * tied * tied - tied;
  }
  const total = n1 + n2;
  const mean = (n1 * n2) / 2;
  const variance = total < 2 ? 0 : ((n1 * n2) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  if (n1 === 0 || n2 === 0 || !(variance > 0)) return { u, z: 0, pCanaryGreater: 1, pTwoSided: 1, n1, n2 };
  const sd = Math.sqrt(variance);
  const deviation = u - mean;
  const z = (Math.sign(deviation) * Math.max(0, Math.abs(deviation) - 0.5)) / sd;
  return {
    u,
    z,
    pCanaryGreater: normalUpperTail((deviation - 0.5) / sd),
    pTwoSided: Math.min(1, 2 * normalUpperTail(Math.max(0, Math.abs(deviation) - 0.5) / sd)),
    n1,
    n2,
  };
}

/**
 * Hodges–Lehmann estimate of the shift canary − production (the median of all n·m pairwise
 * differences) and its distribution-free interval (Lehmann 1963; Hollander & Wolfe, Nonparametric
 * Statistical Methods, §4.3): the k-th smallest and k-th largest pairwise difference with
 * k = ⌊n·m/2 − z·√(n·m·(n+m+1)/12)⌋, z the normal quantile of the two-sided confidence. This is the
 * interval Kayenta's Mann–Whitney classifier reads (for 1,2,3,4 vs 10,20,30,40 at 95%: 22.5, [6, 39]).
 * The variance in k is the untied one, which is the wider choice when values tie. When the sample is
 * too small to reach the confidence (k < 1) the interval is the whole range of differences.
 *
 * The n·m differences are never materialised, so there is no cap and no subsample: each order
 * statistic is found by narrowing a bracket of values, counting the differences at or below a guess
 * in one O(n + m) merge of the two sorted samples, then sorting only the ≤ 2,048 differences left in
 * the final bracket. For 45,000 production and 5,000 canary values (225 million pairs) the shift and
 * its interval take about 10 ms, and are exact at every size.
 */
export function hodgesLehmannShift(production: readonly number[], canary: readonly number[], confidence = 0.98): ShiftEstimate {
  return hodgesLehmannShiftSorted(sortedValues(production), sortedValues(canary), confidence);
}

/** hodgesLehmannShift on samples already sorted ascending (by sortedValues). */
export function hodgesLehmannShiftSorted(sortedProduction: Float64Array, sortedCanary: Float64Array, confidence = 0.98): ShiftEstimate {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const n = sortedProduction.length;
  const m = sortedCanary.length;
  if (n === 0 || m === 0) return { shift: Number.NaN, lower: Number.NaN, upper: Number.NaN };
  const pairs = n * m;
  const kth = (k: number) => kthPairwiseDifference(sortedProduction, sortedCanary, k);
  const shift = pairs % 2 === 1 ? kth((pairs + 1) / 2) : (kth(pairs / 2) + kth(pairs / 2 + 1)) / 2;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const k = Math.max(1, Math.floor(pairs / 2 - z * Math.sqrt((pairs * (n + m + 1)) / 12)));
  return { shift, lower: kth(k), upper: kth(pairs - k + 1) };
}

/** The median of a sample, NaN when it is empty. */
export function sampleMedian(values: readonly number[]): number {
  return sortedMedian(sortedValues(values));
}

export function sortedMedian(sorted: Float64Array): number {
  const count = sorted.length;
  if (count === 0) return Number.NaN;
  const middle = Math.floor(count / 2);
  return count % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The values as a sorted Float64Array; throws on NaN or infinite values, which have no rank. */
export function sortedValues(values: readonly number[]): Float64Array {
  const sorted = Float64Array.from(values);
  for (const value of sorted) if (!Number.isFinite(value)) throw new RangeError(`rank statistics need finite values, got ${value}`);
  return sorted.sort();
}

// Pairs (i, j) with canary[j] − production[i] ≤ limit. For a fixed canary value the differences fall
// as the production index rises, so the qualifying production values are a suffix whose start only
// moves right as the canary value grows. The comparison is the same floating-point subtraction the
// enumeration below uses, so counts and enumerated candidates always agree.
function countAtMost(production: Float64Array, canary: Float64Array, limit: number): number {
  let start = 0;
  let count = 0;
  for (const canaryValue of canary) {
    while (start < production.length && canaryValue - production[start] > limit) start++;
    count += production.length - start;
  }
  return count;
}

/** The k-th smallest (1-based) of the differences canary[j] − production[i], both samples sorted. */
function kthPairwiseDifference(production: Float64Array, canary: Float64Array, k: number): number {
  const n = production.length;
  const m = canary.length;
  let below = canary[0] - production[n - 1];
  let countBelow = countAtMost(production, canary, below);
  if (countBelow >= k) return below;
  let above = canary[m - 1] - production[0];
  let countAbove = n * m;
  // Sorting the last bracket's differences beats further passes once they are this few.
  const fewEnough = 2048;
  // Invariant: countBelow < k ≤ countAbove, i.e. the answer lies in (below, above]. Even steps guess
  // by linear interpolation of the counts (few steps for smooth data), odd steps halve the range (so
  // the bracket at least halves every two steps whatever the data). When very many differences tie
  // at one value, especially 0, where doubles are densest, halving the ordered bit patterns reaches
  // adjacent doubles within 64 more steps.
  for (let step = 0; countAbove - countBelow > fewEnough; step++) {
    const share = step % 2 === 0 ? (k - countBelow) / (countAbove - countBelow) : 0.5;
    let middle = step < 128 ? below + (above - below) * share : orderedMidpoint(below, above);
    if (!(middle > below && middle < above)) middle = orderedMidpoint(below, above);
    if (!(middle > below && middle < above)) return above; // adjacent doubles: (below, above] holds only `above`
    const count = countAtMost(production, canary, middle);
    if (count >= k) (above = middle, countAbove = count);
    else (below = middle, countBelow = count);
  }
  const candidates = new Float64Array(countAbove - countBelow);
  let filled = 0;
  let aboveStart = 0;
  let belowStart = 0;
  for (const canaryValue of canary) {
    while (aboveStart < n && canaryValue - production[aboveStart] > above) aboveStart++;
    while (belowStart < n && canaryValue - production[belowStart] > below) belowStart++;
    for (let i = aboveStart; i < belowStart; i++) candidates[filled++] = canaryValue - production[i];
  }
  return candidates.sort()[k - countBelow - 1];
}

// Doubles mapped to integers in the same order (negative ones by their magnitude, mirrored), so that
// the integer halfway between two doubles' keys is a double between them.
const bits = new BigInt64Array(1);
const floats = new Float64Array(bits.buffer);
const signBit = -(2n ** 63n);

function orderedKey(value: number): bigint {
  floats[0] = value;
  return bits[0] >= 0n ? bits[0] : -(bits[0] & ~signBit);
}

function orderedMidpoint(low: number, high: number): number {
  const key = (orderedKey(low) + orderedKey(high)) >> 1n;
  bits[0] = key >= 0n ? key : -key | signBit;
  return floats[0];
}
