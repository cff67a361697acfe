// npm run train:injection [-- --data <dev.jsonl>] — trains the prompt-injection models on the
// training split of the development corpus and writes lib/guard/injection/weights.json.

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { detectWithModels } from "@/lib/guard/injection/detect-injection";
import { DEFAULT_CORPUS_PATH, readCorpus, sha256, splitCorpus } from "@/lib/training/injection/dev-corpus";
import { evaluateDetector, formatEvaluation } from "@/lib/training/injection/metrics";
import { loadModel, type WeightsFile } from "@/lib/guard/injection/model";
import { HASH_BITS } from "@/lib/guard/injection/features";
import { trainModels } from "@/lib/training/injection/train-model";

const WEIGHTS_PATH = "lib/guard/injection/weights.json";

function dataPath(): string {
  const flag = process.argv.indexOf("--data");
  return flag >= 0 && process.argv[flag + 1] ? process.argv[flag + 1] : DEFAULT_CORPUS_PATH;
}

const corpusPath = dataPath();
const rows = readCorpus(corpusPath);
if (!rows) {
  console.error(`No corpus at ${path.resolve(corpusPath)}: pass --data <dev.jsonl> (see ../shared/data/injection/README.md).`);
  process.exit(2);
}
const { train, validation } = splitCorpus(rows);
const started = performance.now();
const trained = trainModels(train, rows);
const weights: WeightsFile = {
  version: 1,
  hashBits: HASH_BITS,
  trainedAt: new Date().toISOString().slice(0, 10),
  data: { file: path.basename(corpusPath), sha256: sha256(readFileSync(corpusPath, "utf8")), trainRows: train.length },
  models: { direct: trained.direct, indirect: trained.indirect },
};
writeFileSync(WEIGHTS_PATH, `${JSON.stringify(weights)}\n`);
console.log(
  `trained on ${train.length} rows (${JSON.stringify(trained.counts)}) in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
    `wrote ${WEIGHTS_PATH} (${trained.direct.weights.length + trained.indirect.weights.length} weights)`,
);

const models = { direct: loadModel(trained.direct), indirect: loadModel(trained.indirect) };
const evaluation = evaluateDetector(validation, (row) => detectWithModels(models, row.text, { channel: row.channel }).injection);
console.log(formatEvaluation(`validation split (${validation.length} rows)`, evaluation));
