// npm run train:injection [-- --data <dev.jsonl>] — trains the prompt-injection models on the
// training split of the corpus (dev.jsonl plus lib/training/injection/corpus/*.jsonl) and writes
// lib/guard/injection/weights.json.

import { writeFileSync } from "node:fs";
import path from "node:path";
import { detectWithModels } from "@/lib/guard/injection/detect-injection";
import { DEFAULT_CORPUS_PATH, readCorpora, splitCorpus } from "@/lib/training/injection/dev-corpus";
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
const corpora = readCorpora(corpusPath);
if (!corpora) {
  console.error(`No corpus at ${path.resolve(corpusPath)}: pass --data <dev.jsonl> or set INJECTION_DEV_CORPUS (see ../shared/data/injection/README.md).`);
  process.exit(2);
}
const { rows, files } = corpora;
const { train, validation } = splitCorpus(rows);
const started = performance.now();
const trained = trainModels(train);
const weights: WeightsFile = {
  version: 1,
  hashBits: HASH_BITS,
  trainedAt: new Date().toISOString().slice(0, 10),
  data: { files, trainRows: train.length },
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
