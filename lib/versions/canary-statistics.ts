import { type CanaryTestSettings, defaultCanarySettings } from "./canary-settings";
import { hodgesLehmannShiftSorted, mannWhitneySorted, sortedMedian, sortedValues } from "./rank-test";
import { observedRate, type RateSample, rateDifferenceSequence } from "./rate-test";

// The guarded canary's judge: is the canary worse than production, beyond a threshold and with
// enough evidence? Pure: the caller counts the tasks and acts on the verdict.
//  - Rates (deny, hold, error, outcome rates) use the always-valid confidence sequence, so the judge
//    may run after every task without inflating its false-alarm rate; a rate is worse only when the
//    whole interval lies beyond the margin on the worse side.
//  - Values (cost, latency, steps per task) use Kayenta's pair: a one-sided Mann–Whitney test and the
//    Hodges–Lehmann shift, worse only when the test is significant and the shift's interval lies
//    wholly beyond a tolerance relative to production's median. This test is fixed-horizon; its
//    small level (valueAlpha) and the tolerance keep repeated looks from ending an equal canary.

export { canarySettingsSchema, defaultCanarySettings } from "./canary-settings";
export type { CanarySettings, CanaryTestSettings } from "./canary-settings";
export { hodgesLehmannShift, mannWhitney, sampleMedian } from "./rank-test";
export type { MannWhitneyResult, ShiftEstimate } from "./rank-test";
export { defaultRateMixingSd, rateDifferenceInterval, rateDifferenceSequence } from "./rate-test";
export type { RateDifference, RateSample } from "./rate-test";

export type WorseWhen = "higher" | "lower";
export type RateMetric = { metric: string; kind: "rate"; worseWhen: WorseWhen; canary: RateSample; production: RateSample };
export type ValueMetric = { metric: string; kind: "value"; worseWhen: WorseWhen; canary: number[]; production: number[] };
export type CanaryMetric = RateMetric | ValueMetric;

export type MetricVerdict = "collecting" | "ok" | "worse";
export type MetricJudgement = {
  metric: string;
  verdict: MetricVerdict;
  /** Rates: the observed rate. Values: the median. */
  canaryValue: number;
  productionValue: number;
  /** Rates: canary − production. Values: the Hodges–Lehmann shift canary − production. */
  difference: number;
  /** Rates: the always-valid (1 − alpha) interval. Values: the shift's 98% interval. NaN without data. */
  lower: number;
  upper: number;
  n: { canary: number; production: number };
  explanation: string;
};
export type CanaryVerdict = "collecting" | "pass" | "worse";
export type CanaryJudgement = { verdict: CanaryVerdict; metrics: MetricJudgement[] };

/** Confidence of the Hodges–Lehmann interval a value metric is judged and shown with. */
export const valueShiftConfidence = 0.98;

const testDefaults: CanaryTestSettings = {
  minSamplePerSide: defaultCanarySettings.minSamplePerSide,
  alpha: defaultCanarySettings.alpha,
  rateMargin: defaultCanarySettings.rateMargin,
  valueTolerance: defaultCanarySettings.valueTolerance,
  valueAlpha: defaultCanarySettings.valueAlpha,
};

/** Judges every metric; the canary is worse if any metric is, collecting while any still waits for data. */
export function judgeCanary(metrics: readonly CanaryMetric[], settings: CanaryTestSettings = testDefaults): CanaryJudgement {
  const judged = metrics.map((metric) => (metric.kind === "rate" ? judgeRate(metric, settings) : judgeValue(metric, settings)));
  const verdict: CanaryVerdict = judged.some((metric) => metric.verdict === "worse")
    ? "worse"
    : judged.some((metric) => metric.verdict === "collecting")
      ? "collecting"
      : "pass";
  return { verdict, metrics: judged };
}

function judgeRate(metric: RateMetric, settings: CanaryTestSettings): MetricJudgement {
  const { canary, production, worseWhen } = metric;
  const n = { canary: canary.n, production: production.n };
  const interval = rateDifferenceSequence({ canary, production, alpha: settings.alpha });
  const canaryValue = observedRate(canary);
  const productionValue = observedRate(production);
  const base = { metric: metric.metric, canaryValue, productionValue, difference: interval.estimate, lower: interval.lower, upper: interval.upper, n };
  if (!hasEnough(n, settings)) return { ...base, verdict: "collecting", explanation: collecting(metric.metric, n, settings) };
  const worse = worseWhen === "higher" ? interval.lower > settings.rateMargin : interval.upper < -settings.rateMargin;
  const margin = `${trimmed(settings.rateMargin * 100)}-point margin`;
  const summary =
    `${metric.metric} ${percent(canaryValue)} vs ${percent(productionValue)} (${points(interval.estimate)} pts, ` +
    `always-valid ${trimmed((1 - settings.alpha) * 100)}% interval ${points(interval.lower)} to ${points(interval.upper)} pts)`;
  const verdictText = worse
    ? worseWhen === "higher"
      ? `exceeds the ${margin}`
      : `falls short of production by more than the ${margin}`
    : `is not shown to be worse than production by more than the ${margin}`;
  return { ...base, verdict: worse ? "worse" : "ok", explanation: `${summary} ${verdictText}` };
}

function judgeValue(metric: ValueMetric, settings: CanaryTestSettings): MetricJudgement {
  const { canary, production, worseWhen } = metric;
  const n = { canary: canary.length, production: production.length };
  const sortedCanary = sortedValues(canary);
  const sortedProduction = sortedValues(production);
  const canaryValue = sortedMedian(sortedCanary);
  const productionValue = sortedMedian(sortedProduction);
  const shift = hodgesLehmannShiftSorted(sortedProduction, sortedCanary, valueShiftConfidence);
  const base = { metric: metric.metric, canaryValue, productionValue, difference: shift.shift, lower: shift.lower, upper: shift.upper, n };
  if (!hasEnough(n, settings)) return { ...base, verdict: "collecting", explanation: collecting(metric.metric, n, settings) };
  // One-sided in the worse direction: "lower is worse" asks whether production is the larger one.
  const pWorse =
    worseWhen === "higher"
      ? mannWhitneySorted(sortedProduction, sortedCanary).pCanaryGreater
      : mannWhitneySorted(sortedCanary, sortedProduction).pCanaryGreater;
  const tolerance = settings.valueTolerance * Math.abs(productionValue);
  const beyondTolerance = worseWhen === "higher" ? shift.lower > tolerance : shift.upper < -tolerance;
  const worse = pWorse < settings.valueAlpha && beyondTolerance;
  const summary =
    `${metric.metric} median ${number(canaryValue)} vs ${number(productionValue)} (shift ${signed(shift.shift)}, ` +
    `${trimmed(valueShiftConfidence * 100)}% interval ${signed(shift.lower)} to ${signed(shift.upper)}; one-sided p = ${pValue(pWorse)})`;
  const allowance = `the ${trimmed(settings.valueTolerance * 100)}% tolerance (${number(tolerance)})`;
  const verdictText = worse
    ? `is worse than production by more than ${allowance}`
    : `is not shown to be worse than production by more than ${allowance}`;
  return { ...base, verdict: worse ? "worse" : "ok", explanation: `${summary} ${verdictText}` };
}

function hasEnough(n: { canary: number; production: number }, settings: CanaryTestSettings): boolean {
  return n.canary >= settings.minSamplePerSide && n.production >= settings.minSamplePerSide;
}

function collecting(metric: string, n: { canary: number; production: number }, settings: CanaryTestSettings): string {
  return (
    `${metric}: still collecting, ${n.canary.toLocaleString("en-US")} canary and ${n.production.toLocaleString("en-US")} ` +
    `production tasks so far, judged from ${settings.minSamplePerSide.toLocaleString("en-US")} on each side`
  );
}

const minus = "\u2212";
const trimmed = (value: number) => String(Number(value.toFixed(2)));
const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const points = (difference: number) => withSign((difference * 100).toFixed(1), difference);
const number = (value: number) => (Number.isNaN(value) ? "n/a" : String(Math.abs(value) >= 1000 ? Math.round(value) : Number(value.toPrecision(3))));
const signed = (value: number) => (Number.isNaN(value) ? "n/a" : withSign(number(Math.abs(value)), value));
const pValue = (p: number) => (p < 0.0001 ? p.toExponential(1) : String(Number(p.toPrecision(2))));

function withSign(magnitude: string, value: number): string {
  const digits = magnitude.replace(/^-/, "");
  if (/^[0.]*$/.test(digits)) return digits;
  return `${value < 0 ? minus : "+"}${digits}`;
}
