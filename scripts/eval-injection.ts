// npm run eval:injection [-- --data <dev.jsonl>] [-- --all] [-- --no-loso] [-- --dev-only] — precision, recall, F1 and
// false-positive rate of the committed prompt-injection detector per channel on the random
// validation split, then a leave-one-source-out table (fresh models per held-out source), then timings.
//
// The corpus is dev.jsonl plus every lib/training/injection/corpus/*.jsonl. The "retrieval" line
// scores the tool rows (documents an agent reads) with channel "retrieval": the detector treats both
// indirect channels alike, and the line checks that the retrieval path gives the same answers. Also
// reports the training split (to compare against validation: the gap is the overfit).

import path from "node:path";
import { detectInjection } from "@/lib/guard/injection/detect-injection";
import { DEFAULT_CORPUS_PATH, readCorpora, splitCorpus, type CorpusRow } from "@/lib/training/injection/dev-corpus";
import { formatSourceRow, leaveOneSourceOut, OPERATING_SHIFTS, pooled, SOURCE_TABLE_HEADER } from "@/lib/training/injection/leave-one-source-out";
import { FULL_EFFORT } from "@/lib/training/injection/train-model";
import { evaluateDetector, formatEvaluation, formatMetrics, type LabelledText } from "@/lib/training/injection/metrics";

// Each leave-one-source-out fold trains a pair of models with their out-of-fold thresholds exactly as
// the committed models are trained, so the table measures what ships.
const LOSO_EFFORT = FULL_EFFORT;

const flag = process.argv.indexOf("--data");
const corpusPath = flag >= 0 && process.argv[flag + 1] ? process.argv[flag + 1] : DEFAULT_CORPUS_PATH;
// --dev-only: dev.jsonl alone (the leave-one-source-out table comparable with runs before corpus/ existed).
const corpora = readCorpora(corpusPath, process.argv.includes("--dev-only") ? null : undefined);
if (!corpora) {
  console.error(`No corpus at ${path.resolve(corpusPath)}: pass --data <dev.jsonl> or set INJECTION_DEV_CORPUS (see ../shared/data/injection/README.md).`);
  process.exit(2);
}
const { rows, files } = corpora;
console.log(`corpus: ${files.map((file) => `${file.file} (${file.rows})`).join(", ")}\n`);

const detect = (row: LabelledText) => detectInjection(row.text, { channel: row.channel }).injection;
const asRetrieval = (set: CorpusRow[]) => set.filter((row) => row.channel === "tool").map((row): LabelledText => ({ ...row, channel: "retrieval" }));
const report = (title: string, set: CorpusRow[]) => {
  console.log(formatEvaluation(title, evaluateDetector(set, detect)));
  console.log(formatMetrics("retrieval", evaluateDetector(asRetrieval(set), detect).overall), "(tool rows read as retrieved documents)");
};

const { train, validation } = splitCorpus(rows);
report(`committed models, validation split (${validation.length} rows)`, validation);
console.log();
report(`committed models, training split (${train.length} rows, seen in training)`, train);
if (process.argv.includes("--all")) {
  console.log(`\n${formatEvaluation(`whole corpus (${rows.length} rows, mostly seen in training)`, evaluateDetector(rows, detect))}`);
}
console.log();

if (!process.argv.includes("--no-loso")) {
  const started = performance.now();
  console.log(`leave-one-source-out (fresh models per fold, ${LOSO_EFFORT.epochs} epochs, ${LOSO_EFFORT.folds} threshold folds, medium sensitivity)`);
  console.log(SOURCE_TABLE_HEADER);
  const results = leaveOneSourceOut(rows, LOSO_EFFORT, (result) => console.log(formatSourceRow(result.source, result.confusion)));
  console.log(formatSourceRow("pooled", pooled(results)));
  // The same folds at other thresholds (log-odds added to medium's), pooled and per channel: what a
  // different default would trade. Not a tuning target by itself: the benign sources here are few.
  console.log(`\noperating points (threshold shift in log-odds; user rows, tool rows, all)`);
  [0, ...OPERATING_SHIFTS].forEach((shift, point) => {
    const label = shift === 0 ? "medium" : `${shift > 0 ? "+" : ""}${shift}`;
    console.log(formatSourceRow(`${label}, user`, pooled(results, point, "user")));
    console.log(formatSourceRow(`${label}, tool`, pooled(results, point, "indirect")));
    console.log(formatSourceRow(`${label}, all`, pooled(results, point)));
  });
  console.log(`(${results.length} folds in ${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
}

/** p50/p99 of detectInjection over `texts` (each on `channel`), `rounds` times over, after a warm-up pass. */
function timeTexts(texts: string[], channel: "user" | "tool", rounds: number): { p50: number; p99: number; samples: number } {
  for (const text of texts.slice(0, 100)) detectInjection(text, { channel });
  const timings: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const text of texts) {
      const startedAt = performance.now();
      detectInjection(text, { channel });
      timings.push(performance.now() - startedAt);
    }
  }
  timings.sort((a, b) => a - b);
  const at = (share: number) => timings[Math.min(timings.length - 1, Math.floor(timings.length * share))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), samples: timings.length };
}

const printTiming = (name: string, timing: ReturnType<typeof timeTexts>) =>
  console.log(`${name.padEnd(30)} p50 ${timing.p50.toFixed(3)} ms, p99 ${timing.p99.toFixed(3)} ms (${timing.samples} calls)`);

// A typical message: the corpus's user texts of at most 1,000 characters. A 4,000-character text:
// the corpus texts that long or longer, cut to 4,000 characters.
const typical = rows.filter((row) => row.channel === "user" && row.text.length <= 1000).map((row) => row.text);
const long4k = rows.filter((row) => row.text.length >= 3000).map((row) => row.text.padEnd(4000, " Further notes follow.").slice(0, 4000));
printTiming(`typical message, user (${typical.length})`, timeTexts(typical, "user", Math.ceil(3000 / Math.max(1, typical.length))));
for (const channel of ["user", "tool"] as const) {
  printTiming(`4,000 chars, ${channel} (${long4k.length})`, timeTexts(long4k, channel, Math.ceil(2000 / Math.max(1, long4k.length))));
}

// Worst case: very long inputs (the detector scans a bounded head and tail window).
const long: Record<string, string> = {
  "200 KB prose": "The quarterly report covers revenue, churn and hiring across regions. ".repeat(3000).slice(0, 200_000),
  "200 KB base64": Buffer.from("Please summarise the attached report for the board. ".repeat(3000)).toString("base64").slice(0, 200_000),
  "200 KB one word": "a".repeat(200_000),
};
for (const [name, text] of Object.entries(long)) {
  for (const channel of ["user", "tool"] as const) printTiming(`${name}, ${channel}`, timeTexts([text], channel, 100));
}
