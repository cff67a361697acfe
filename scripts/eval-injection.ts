// npm run eval:injection [-- --data <dev.jsonl>] [-- --all] — precision, recall, F1 and
// false-positive rate of the committed prompt-injection detector per channel, with timings.

import path from "node:path";
import { detectInjection } from "@/lib/guard/injection/detect-injection";
import { DEFAULT_CORPUS_PATH, readCorpus, splitCorpus } from "@/lib/guard/injection/dev-corpus";
import { evaluateDetector, formatEvaluation } from "@/lib/guard/injection/metrics";

const flag = process.argv.indexOf("--data");
const corpusPath = flag >= 0 && process.argv[flag + 1] ? process.argv[flag + 1] : DEFAULT_CORPUS_PATH;
const rows = readCorpus(corpusPath);
if (!rows) {
  console.error(`No corpus at ${path.resolve(corpusPath)}: pass --data <dev.jsonl> (see ../shared/data/injection/README.md).`);
  process.exit(2);
}

const detect = (row: { text: string; channel: "user" | "tool" }) => detectInjection(row.text, { channel: row.channel }).injection;
const { validation } = splitCorpus(rows);
console.log(formatEvaluation(`validation split (${validation.length} rows)`, evaluateDetector(validation, detect)));
if (process.argv.includes("--all")) {
  console.log(`\n${formatEvaluation(`whole dev set (${rows.length} rows, mostly seen in training)`, evaluateDetector(rows, detect))}`);
}
