// Leave-one-source-out evaluation: for each source, fresh models trained (by the project's training
// code) on every other source, tested on the held-out one. Measures how the detector does on text
// from somewhere it has never seen, which a random split of the same sources cannot.

import { detectWithModels, type InjectionChannel } from "../../guard/injection/detect-injection";
import { loadModel } from "../../guard/injection/model";
import { type CorpusRow, sourceOf } from "./dev-corpus";
import { count, emptyConfusion, metricsOf, type Confusion } from "./metrics";
import { trainModels, type Effort } from "./train-model";

/** Thresholds besides medium's (log-odds added to it) at which the folds are also scored: what moving the default would trade. */
export const OPERATING_SHIFTS = [-1, -0.75, -0.5, -0.25, 0.25, 0.5];

/** A held-out row's label and whether it was flagged: at medium's threshold, then at each of OPERATING_SHIFTS. */
export type Outcome = { channel: InjectionChannel; actual: boolean; flagged: boolean[] };

export type SourceResult = { source: string; attacks: number; benign: number; confusion: Confusion; outcomes: Outcome[] };

/** One fold per source (in order of first appearance); `onFold` hears each result as it lands. */
export function leaveOneSourceOut(rows: CorpusRow[], effort: Effort, onFold: (result: SourceResult) => void = () => {}): SourceResult[] {
  const sources = [...new Set(rows.map(sourceOf))];
  const results: SourceResult[] = [];
  for (const source of sources) {
    const heldOut = rows.filter((row) => sourceOf(row) === source);
    const trained = trainModels(rows.filter((row) => sourceOf(row) !== source), effort);
    const models = { direct: loadModel(trained.direct), indirect: loadModel(trained.indirect) };
    const outcomes = heldOut.map((row): Outcome => ({
      channel: row.channel,
      actual: row.label === "injection",
      flagged: [0, ...OPERATING_SHIFTS].map((thresholdShift) => detectWithModels(models, row.text, { channel: row.channel, thresholdShift }).injection),
    }));
    const confusion = confusionOf(outcomes, 0);
    const attacks = heldOut.filter((row) => row.label === "injection").length;
    const result = { source, attacks, benign: heldOut.length - attacks, confusion, outcomes };
    results.push(result);
    onFold(result);
  }
  return results;
}

/** The confusion of `outcomes` at medium's threshold (point 0) or at OPERATING_SHIFTS[point - 1]. */
export function confusionOf(outcomes: Outcome[], point: number): Confusion {
  const confusion = emptyConfusion();
  for (const outcome of outcomes) count(confusion, outcome.actual, outcome.flagged[point]);
  return confusion;
}

export const SOURCE_TABLE_HEADER = `${"held-out source".padEnd(24)} ${"attacks".padStart(7)} ${"benign".padStart(6)}  precision  recall     F1     FPR`;

/** A table row: precision and F1 only where the source has both classes, recall only with attacks, FPR only with benign rows. */
export function formatSourceRow(name: string, confusion: Confusion): string {
  const metrics = metricsOf(confusion);
  const attacks = confusion.truePositive + confusion.falseNegative;
  const benign = confusion.falsePositive + confusion.trueNegative;
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  const cell = (applicable: boolean, text: string, width: number) => (applicable ? text : "-").padStart(width);
  return [
    name.padEnd(24),
    String(attacks).padStart(7),
    String(benign).padStart(6),
    cell(attacks > 0 && benign > 0, pct(metrics.precision), 10),
    cell(attacks > 0, pct(metrics.recall), 7),
    cell(attacks > 0 && benign > 0, metrics.f1.toFixed(3), 6),
    cell(benign > 0, `${pct(metrics.falsePositiveRate)} (${metrics.falsePositive}/${benign})`, 14),
  ].join(" ");
}

/** The folds' rows together, at medium's threshold or another operating point (see confusionOf), optionally one channel's only. */
export function pooled(results: SourceResult[], point = 0, channel?: "user" | "indirect"): Confusion {
  const outcomes = results.flatMap((result) => result.outcomes);
  const chosen = channel === undefined ? outcomes : outcomes.filter((outcome) => (outcome.channel === "user") === (channel === "user"));
  return confusionOf(chosen, point);
}
