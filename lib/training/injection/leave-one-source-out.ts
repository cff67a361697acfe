// Leave-one-source-out evaluation: for each source, fresh models trained (by the project's training
// code) on every other source, tested on the held-out one. Measures how the detector does on text
// from somewhere it has never seen, which a random split of the same sources cannot.

import { detectWithModels } from "../../guard/injection/detect-injection";
import { loadModel } from "../../guard/injection/model";
import { type CorpusRow, sourceOf } from "./dev-corpus";
import { count, emptyConfusion, metricsOf, type Confusion } from "./metrics";
import { trainModels, type Effort } from "./train-model";

export type SourceResult = { source: string; attacks: number; benign: number; confusion: Confusion };

/** One fold per source (in order of first appearance); `onFold` hears each result as it lands. */
export function leaveOneSourceOut(rows: CorpusRow[], effort: Effort, onFold: (result: SourceResult) => void = () => {}): SourceResult[] {
  const sources = [...new Set(rows.map(sourceOf))];
  const results: SourceResult[] = [];
  for (const source of sources) {
    const heldOut = rows.filter((row) => sourceOf(row) === source);
    const trained = trainModels(rows.filter((row) => sourceOf(row) !== source), effort);
    const models = { direct: loadModel(trained.direct), indirect: loadModel(trained.indirect) };
    const confusion = emptyConfusion();
    for (const row of heldOut) {
      count(confusion, row.label === "injection", detectWithModels(models, row.text, { channel: row.channel }).injection);
    }
    const attacks = heldOut.filter((row) => row.label === "injection").length;
    const result = { source, attacks, benign: heldOut.length - attacks, confusion };
    results.push(result);
    onFold(result);
  }
  return results;
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

export function pooled(results: SourceResult[]): Confusion {
  const total = emptyConfusion();
  for (const { confusion } of results) {
    total.truePositive += confusion.truePositive;
    total.falsePositive += confusion.falsePositive;
    total.trueNegative += confusion.trueNegative;
    total.falseNegative += confusion.falseNegative;
  }
  return total;
}
