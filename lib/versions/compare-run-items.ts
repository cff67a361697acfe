import { proportionDifference } from "./compare-statistics";
import { rate, type CompareMetric } from "./live-metrics";

// Two completed runs of one suite compared item by item: each evaluator's pass rate on both with the
// difference and its interval, and the items that regressed (passed on A, failed on B). Pure.

export type ComparedScore = { type: string; passed: boolean; reason: string };
export type ComparedRunItem = { itemId: string; input: string; traceId: string | null; passed: boolean | null; scores: ComparedScore[] | null };
export type ComparedRun = { evaluatorTypes: string[]; items: ComparedRunItem[] };

export type RegressedItem = {
  itemId: string;
  input: string;
  a: { traceId: string | null };
  b: { traceId: string | null; reasons: { type: string; reason: string }[] };
};

/** Regressed items listed at most (the count says how many there are). */
export const maxRegressedItems = 200;

export function compareRunItems(a: ComparedRun, b: ComparedRun) {
  const types = [...new Set([...a.evaluatorTypes, ...b.evaluatorTypes])];
  // An evaluator a run did not have is not a 0% pass rate: that side stays empty.
  const evaluators: CompareMetric[] = types.map((type) => rate(type, passedWith(a, type), passedWith(b, type)));
  const overall = proportionDifference(passedItems(a), passedItems(b));
  const onA = new Map(a.items.map((item) => [item.itemId, item]));
  const regressed: RegressedItem[] = [];
  for (const item of b.items) {
    const before = onA.get(item.itemId);
    if (!before?.passed || item.passed) continue;
    regressed.push({ itemId: item.itemId, input: item.input, a: { traceId: before.traceId }, b: { traceId: item.traceId, reasons: failingReasons(item) } });
  }
  return { evaluators, overall, regressedCount: regressed.length, regressed: regressed.slice(0, maxRegressedItems) };
}

// As the run's own score counts it: an item passes an evaluator when every score of that type passed;
// an item without a result passes none.
function passedWith(run: ComparedRun, type: string) {
  if (!run.evaluatorTypes.includes(type)) return { events: 0, n: 0 };
  const events = run.items.filter((item) => {
    const ofType = (item.scores ?? []).filter((score) => score.type === type);
    return ofType.length > 0 && ofType.every((score) => score.passed);
  }).length;
  return { events, n: run.items.length };
}

function passedItems(run: ComparedRun) {
  return { events: run.items.filter((item) => item.passed).length, n: run.items.length };
}

function failingReasons(item: ComparedRunItem): { type: string; reason: string }[] {
  if (!item.scores) return [{ type: "result", reason: "No result was reported for this item" }];
  return item.scores.filter((score) => !score.passed).map(({ type, reason }) => ({ type, reason }));
}
