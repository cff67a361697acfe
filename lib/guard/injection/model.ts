// The statistical half of the detector: two logistic-regression models over the sparse features of
// features.ts — "direct" for user messages (scored whole) and "indirect" for tool/retrieved content
// (scored per segment). Weights are data (weights.json), written by scripts/train-injection.ts.

import { processState } from "@/lib/cache/process-state";
import { HASH_BITS, type SparseVector } from "./features";
import weightsFile from "./weights.json";

export type ModelKind = "direct" | "indirect";

export type SerializedModel = {
  bias: number;
  /** Logit above which a text is flagged at medium sensitivity, chosen on held-out training folds. */
  threshold: number;
  /** [feature index, weight] pairs; absent features weigh 0. */
  weights: [number, number][];
};

export type WeightsFile = {
  version: 1;
  hashBits: number;
  trainedAt: string;
  /** The corpus files trained on (dev.jsonl, then corpus/*.jsonl) and how many rows the training split took. */
  data: { files: { file: string; sha256: string; rows: number }[]; trainRows: number };
  models: Record<ModelKind, SerializedModel>;
};

export type LoadedModel = { bias: number; threshold: number; weights: Float32Array };

export function loadModel(serialized: SerializedModel): LoadedModel {
  const weights = new Float32Array(1 << HASH_BITS);
  for (const [index, weight] of serialized.weights) weights[index] = weight;
  return { bias: serialized.bias, threshold: serialized.threshold, weights };
}

let loaded: Record<ModelKind, LoadedModel> | undefined;

/** The committed models, unpacked once per process (not once per server chunk that bundles them). */
export function committedModels(): Record<ModelKind, LoadedModel> {
  return (loaded ??= processState("injection.models", () => {
    const file = weightsFile as WeightsFile;
    if (file.hashBits !== HASH_BITS) throw new Error("injection weights were trained with another hash size");
    return { direct: loadModel(file.models.direct), indirect: loadModel(file.models.indirect) };
  }));
}

/** Log-odds that the features describe an injection. Pure: same vector and model, same score. */
export function score(vector: SparseVector, model: LoadedModel): number {
  let logit = model.bias;
  for (let i = 0; i < vector.indices.length; i++) logit += model.weights[vector.indices[i]] * vector.values[i];
  return logit;
}

export function sigmoid(logit: number): number {
  return 1 / (1 + Math.exp(-logit));
}
