// npm run eval:injection [-- --data <dev.jsonl>] [-- --all] — precision, recall, F1 and
// false-positive rate of the committed prompt-injection detector per channel, with timings.
//
// The dev set has user and tool rows only. The "retrieval" line scores the tool rows (documents an
// agent reads) with channel "retrieval": the detector treats both indirect channels alike, and the
// line checks that the retrieval path gives the same answers. Also reports the training split (to
// compare against validation: the gap is the overfit) and timings on 200 KB inputs.

import path from "node:path";
import { detectInjection } from "@/lib/guard/injection/detect-injection";
import { DEFAULT_CORPUS_PATH, readCorpus, splitCorpus, type CorpusRow } from "@/lib/training/injection/dev-corpus";
import { evaluateDetector, formatEvaluation, formatMetrics, type LabelledText } from "@/lib/training/injection/metrics";

const flag = process.argv.indexOf("--data");
const corpusPath = flag >= 0 && process.argv[flag + 1] ? process.argv[flag + 1] : DEFAULT_CORPUS_PATH;
const rows = readCorpus(corpusPath);
if (!rows) {
  console.error(`No corpus at ${path.resolve(corpusPath)}: pass --data <dev.jsonl> (see ../shared/data/injection/README.md).`);
  process.exit(2);
}

const detect = (row: LabelledText) => detectInjection(row.text, { channel: row.channel }).injection;
const asRetrieval = (set: CorpusRow[]) => set.filter((row) => row.channel === "tool").map((row): LabelledText => ({ ...row, channel: "retrieval" }));
const report = (title: string, set: CorpusRow[]) => {
  console.log(formatEvaluation(title, evaluateDetector(set, detect)));
  console.log(formatMetrics("retrieval", evaluateDetector(asRetrieval(set), detect).overall), "(tool rows read as retrieved documents)");
};

const { train, validation } = splitCorpus(rows);
report(`validation split (${validation.length} rows)`, validation);
console.log();
report(`training split (${train.length} rows, seen in training)`, train);
if (process.argv.includes("--all")) {
  console.log(`\n${formatEvaluation(`whole dev set (${rows.length} rows, mostly seen in training)`, evaluateDetector(rows, detect))}`);
}
console.log();

// Worst case: very long inputs (the detector scans a bounded head and tail window).
const long: Record<string, string> = {
  "200 KB prose": "The quarterly report covers revenue, churn and hiring across regions. ".repeat(3000).slice(0, 200_000),
  "200 KB base64": Buffer.from("Please summarise the attached report for the board. ".repeat(3000)).toString("base64").slice(0, 200_000),
  "200 KB one word": "a".repeat(200_000),
};
for (const [name, text] of Object.entries(long)) {
  const rowsOfText = (["user", "tool"] as const).flatMap((channel) => Array.from({ length: 100 }, (): LabelledText => ({ text, channel, label: "benign" })));
  const timing = evaluateDetector(rowsOfText, detect);
  console.log(`${name.padEnd(16)} detection time: p50 ${timing.p50Ms.toFixed(3)} ms, p99 ${timing.p99Ms.toFixed(3)} ms`);
}
