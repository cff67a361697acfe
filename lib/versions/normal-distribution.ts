// The standard normal distribution, written out rather than pulled from a package: the canary
// statistics need only its tail and its quantile, and both have classic closed approximations far
// more precise than the normal approximations they serve.

/**
 * Complementary error function, erfc(x) = 1 − erf(x).
 * Chebyshev fit `erfcc` of Press, Teukolsky, Vetterling & Flannery, Numerical Recipes in C (2nd ed.,
 * 1992), §6.2: fractional error below 1.2e-7 everywhere, so even p-values of 1e-9 keep 6 digits.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const tail =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? tail : 2 - tail;
}

/** P(Z ≤ x) for a standard normal Z. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** P(Z > x), computed directly so that small upper tails keep their precision. */
export function normalUpperTail(x: number): number {
  return 0.5 * erfc(x / Math.SQRT2);
}

// Peter J. Acklam's rational approximation of the normal quantile (2003; relative error below
// 1.15e-9 over (0, 1)), the one most statistics libraries without a special-function package use.
const centralNumerator = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const centralDenominator = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const tailNumerator = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const tailDenominator = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const lowTail = 0.02425;

/** The x with P(Z ≤ x) = p, for 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  if (p < lowTail) return lowerTailQuantile(p);
  if (p > 1 - lowTail) return -lowerTailQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  const [a0, a1, a2, a3, a4, a5] = centralNumerator;
  const [b0, b1, b2, b3, b4] = centralDenominator;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

function lowerTailQuantile(p: number): number {
  const q = Math.sqrt(-2 * Math.log(p));
  const [c0, c1, c2, c3, c4, c5] = tailNumerator;
  const [d0, d1, d2, d3] = tailDenominator;
  return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
}
