import { normalQuantile } from "./normal-distribution";

// Intervals for the difference of two rates, p_canary − p_production (deny rate, error rate, an
// outcome's rate). Counts are tasks: `events` of `n` tasks had the outcome.

export type RateSample = { events: number; n: number };
export type RateDifference = { estimate: number; lower: number; upper: number };
export type RateComparison = { canary: RateSample; production: RateSample };

/**
 * Default mixing standard deviation τ of the confidence sequence (the prior spread of the true
 * difference in Johari et al.'s normal mixture). The sequence is valid for any τ; τ only decides at
 * which sample size it is tightest, and it is tightest where V, the variance of the observed
 * difference, is a few times smaller than τ². A canary that matters moves a rate by a few
 * percentage points; with rates around 5% that is resolved once V ≈ 1e-4 (a few hundred canary
 * tasks beside ten times as many production ones), i.e. τ² ≈ 1e-3 and τ ≈ 0.03. bench/canary.ts
 * compares τ from 0.01 to 0.1: with a 2-point margin, 5%→10% is caught after a median of 1,300
 * canary tasks at τ = 0.03, against 1,700 at 0.01 and 1,450 at 0.1.
 */
export const defaultRateMixingSd = 0.03;

/** The observed rate; an empty side reads as 0 (its intervals say it tells nothing). */
export function observedRate(sample: RateSample): number {
  assertRateSample(sample);
  return sample.n === 0 ? 0 : sample.events / sample.n;
}

/**
 * Always-valid (anytime-valid) confidence sequence for p_canary − p_production: the interval
 * inverted from the normal-mixture mSPRT of Johari, Koomen, Pekelis & Walsh, "Peeking at A/B Tests"
 * (KDD 2017). With θ̂ the observed difference and V its variance, the mixture likelihood ratio
 * against a difference θ₀ reaches 1/α exactly when
 *   (θ̂ − θ₀)² ≥ V(V+τ²)/τ² · (2·ln(1/α) + ln((V+τ²)/V)),
 * so the interval below may be recomputed after every new task and, with probability ≥ 1 − α, never
 * excludes the true difference at any of those looks (up to the normal approximation of θ̂, which
 * is why the canary judge waits for a minimum sample).
 *
 * V uses Agresti–Caffo's adjusted rates p̃ = (x+1)/(n+2) over ñ = n+2 (one added success and one
 * added failure per side): with no events yet, or with every task an event, the plain V would be 0
 * and the interval a point; with an empty side V is large and the interval spans everything. The
 * interval stays centred on the plain observed difference and is clipped to [−1, 1].
 */
export function rateDifferenceSequence({
  canary,
  production,
  alpha,
  tau = defaultRateMixingSd,
}: RateComparison & { alpha: number; tau?: number }): RateDifference {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (!(tau > 0)) throw new RangeError(`tau must be positive, got ${tau}`);
  const estimate = observedRate(canary) - observedRate(production);
  const variance = adjustedVariance(canary) + adjustedVariance(production);
  const mixing = tau * tau;
  const halfWidth = Math.sqrt(
    ((variance * (variance + mixing)) / mixing) * (2 * Math.log(1 / alpha) + Math.log((variance + mixing) / variance)),
  );
  return clipped(estimate, estimate - halfWidth, estimate + halfWidth);
}

/**
 * Fixed-horizon interval for p_canary − p_production, for display (valid for one look, not for
 * watching): Newcombe's hybrid score interval (Newcombe 1998, "Interval estimation for the
 * difference between independent proportions", method 10), built from each side's Wilson score
 * interval. It behaves at 0 events and at small n, where the Wald interval collapses; an empty side
 * has the Wilson interval [0, 1].
 */
export function rateDifferenceInterval({
  canary,
  production,
  confidence = 0.95,
}: RateComparison & { confidence?: number }): RateDifference {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const canaryRate = observedRate(canary);
  const productionRate = observedRate(production);
  const canaryScore = wilsonInterval(canary, z);
  const productionScore = wilsonInterval(production, z);
  const estimate = canaryRate - productionRate;
  const lower = estimate - Math.hypot(canaryRate - canaryScore.lower, productionScore.upper - productionRate);
  const upper = estimate + Math.hypot(canaryScore.upper - canaryRate, productionRate - productionScore.lower);
  return clipped(estimate, lower, upper);
}

/** Wilson's score interval for one rate, written so that n = 0 gives [0, 1]. */
export function wilsonInterval({ events, n }: RateSample, z: number): { lower: number; upper: number } {
  const z2 = z * z;
  const centre = (events + z2 / 2) / (n + z2);
  const spread = n === 0 ? 0 : (events * (n - events)) / n;
  const halfWidth = (z / (n + z2)) * Math.sqrt(spread + z2 / 4);
  return { lower: Math.max(0, centre - halfWidth), upper: Math.min(1, centre + halfWidth) };
}

function adjustedVariance({ events, n }: RateSample): number {
  const adjusted = (events + 1) / (n + 2);
  return (adjusted * (1 - adjusted)) / (n + 2);
}

function clipped(estimate: number, lower: number, upper: number): RateDifference {
  return { estimate, lower: Math.max(-1, lower), upper: Math.min(1, upper) };
}

function assertRateSample({ events, n }: RateSample): void {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(events) || events < 0 || events > n) {
    throw new RangeError(`a rate needs whole counts with 0 ≤ events ≤ n, got ${events} of ${n}`);
  }
}
