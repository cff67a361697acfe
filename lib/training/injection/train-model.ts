// Training for the two injection models (see model.ts): builds examples from corpus rows, fits
// L2-regularised logistic regression with AdaGrad (deterministic order), picks thresholds on
// out-of-fold scores. Used by scripts/train-injection.ts only.

import { type CorpusRow, sha256, toolRowParts } from "./dev-corpus";
import { documentContext, extractFeatures, hashFeature, HASH_BITS, splitSegments, type DocumentContext, type SparseVector } from "../../guard/injection/features";
import { splitPieces } from "../../guard/injection/pieces";
import { segmentRanges } from "../../guard/injection/segments";
import type { SerializedModel } from "../../guard/injection/model";
import { normalizeText } from "../../guard/injection/normalize";
import { INJECTION_RULES } from "../../guard/injection/rules";

export type Example = { vector: SparseVector; label: 0 | 1; weight: number; key: string };

// Few epochs on purpose: stopping early keeps the models from fitting their training sources' phrasing.
// Leave-one-source-out at 15 epochs and 5 threshold folds gave pooled F1 0.810, at 5 and 3 0.844; the
// evaluation (scripts/eval-injection.ts) trains its folds with exactly this recipe.
const EPOCHS = 5;
const LEARNING_RATE = 0.2;
// Pulls every weight towards its prior (0, or a rule's hand-set weight): the stronger, the less a model
// leans on one source's phrasing. Chosen by leave-one-source-out (README, "Injection screening"): pooled
// F1 0.794 with 1e-3 for both models, 0.829–0.830 with 4e-3…8e-3 for both, 0.819 with 1e-2; the indirect
// model then does best at 3e-3 (1e-3: 0.828, 6e-3: 0.840, 3e-3: 0.844, with the bare-ignore rule).
const L2 = 6e-3;
const INDIRECT_L2 = 3e-3;
const FOLDS = 3;

/** How hard to train: epochs per fit and folds for the out-of-fold thresholds. */
export type Effort = { epochs: number; folds: number };
export const FULL_EFFORT: Effort = { epochs: EPOCHS, folds: FOLDS };
// Out-of-fold false-positive budget used to place the medium threshold (below the 3% target, since
// validation and held-out texts differ from the training folds).
const DIRECT_FPR_BUDGET = 0.01;
// Indirect content is flagged when its most suspicious segment crosses the threshold, so the budget
// is one of documents: benign training documents (clean emails, Self-Instruct task inputs) scored
// out of fold.
const INDIRECT_DOCUMENT_FPR_BUDGET = 0.02;
const PRUNE_BELOW = 0.01;
const SHORT_REQUEST_CHARS = 300;
const SYNTHETIC_WEIGHT = 1;
// Multiple-instance bags (attacked documents without a clean twin): pieces this far (in log-odds)
// below the bag's most suspicious one are taken as benign, at this weight.
const BAG_MARGIN = 1;
const BAG_REST_WEIGHT = 0.5;
// Benign examples taken from one document, at most (training time grows with them, quality barely).
const MAX_BENIGN_PIECES = 40;
const DIRECT_WEIGHTS_KEPT = 24_000;
const INDIRECT_WEIGHTS_KEPT = 10_000;

/** Direct examples: user rows, scored as whole texts. */
export function directExamples(rows: CorpusRow[]): Example[] {
  return rows
    .filter((row) => row.channel === "user")
    .map((row) => {
      const normalized = normalizeText(row.text, { message: true });
      const { vector } = extractFeatures(normalized.text, normalized.decoded, normalized.signals, false);
      return { vector, label: row.label === "injection" ? 1 : 0, weight: 1, key: row.id };
    });
}

/**
 * Indirect examples are segments, scored with the document they sit in (see documentContext). An
 * attacked email's injected segments are those absent from its clean twin; every segment of a clean
 * email is benign, and so is every segment of the material Self-Instruct tasks give to work on (their
 * "instance input": tables, letters, code, prose) — documents that are not addressed to the
 * assistant — while the Self-Instruct tasks themselves, and short real user requests, are injected
 * segments: alone, and slipped as a line into a clean training email (as attackers do).
 */
type Bag = { key: string; vector: SparseVector }[];

/**
 * The segments of a document, each with the document context it is scored in, then its pieces
 * (cells, comments, strings: see pieces.ts), scored without one — as extractDocument scores them.
 */
export function documentPieces(text: string): { text: string; vector: SparseVector }[] {
  let pieces = pieceCache.get(text);
  if (!pieces) {
    const ranges = segmentRanges(text);
    const segments = ranges.map(([from, to]) => text.slice(from, to));
    const context = documentContext(segments);
    const vectorOf = (piece: string, pieceContext?: DocumentContext) => ({ text: piece, vector: extractFeatures(piece, [], null, true, { context: pieceContext }).vector });
    pieces = [...segments.map((segment) => vectorOf(segment, context)), ...splitPieces(text, ranges).map((piece) => vectorOf(piece))];
    pieceCache.set(text, pieces);
  }
  return pieces;
}

// Documents are vectorised once per training run, not once per fold.
const pieceCache = new Map<string, { text: string; vector: SparseVector }[]>();

export function indirectExamples(rows: CorpusRow[], twinRows: CorpusRow[] = rows): { examples: Example[]; unmarked: Bag[] } {
  const clean = new Map<string, string>();
  for (const row of twinRows) if (row.channel === "tool" && row.label === "benign") clean.set(row.origin, normalizeText(row.text).text);
  // Attacked documents with no clean twin in the rows: which segment carries the attack is unknown.
  const unmarked: Bag[] = [];

  const examples = new Map<string, Example>();
  const add = (segment: string, label: 0 | 1, weight: number, vector?: SparseVector, where = "") => {
    const key = `${label}:${where}:${segment}`;
    if (examples.has(key)) return;
    examples.set(key, { vector: vector ?? extractFeatures(segment, [], null, true).vector, label, weight, key: sha256(key) });
  };
  const addDocument = (text: string, label: (segment: string) => 0 | 1 | null, weight: number, where: string) => {
    let benign = 0;
    for (const { text: segment, vector } of documentPieces(text)) {
      const value = label(segment);
      // A long benign document (a README, a source file) says what it has to say in its first pieces.
      if (value === 0 && ++benign > MAX_BENIGN_PIECES) continue;
      if (value !== null) add(segment, value, weight, vector, where);
    }
  };

  const requests: string[] = [];
  const trainingEmails: { origin: string; text: string }[] = [];
  for (const row of rows) {
    if (row.channel === "tool" && row.label === "benign") {
      const text = normalizeText(row.text).text;
      trainingEmails.push({ origin: row.origin, text });
      addDocument(text, () => 0, 1, row.origin);
    } else if (row.channel === "tool") {
      const twin = clean.get(toolRowParts(row).context);
      if (twin === undefined) {
        unmarked.push(documentPieces(normalizeText(row.text).text).map(({ text, vector }) => ({ key: text, vector })));
      }
      else addDocument(normalizeText(row.text).text, (segment) => (twin.includes(segment) ? null : 1), 1, row.id);
    } else if (row.label === "benign" && row.origin.startsWith("yizhongw/self-instruct")) {
      const [task, ...instance] = row.text.split("\n\n");
      addDocument(normalizeText(instance.join("\n")).text, () => 0, 0.5, row.id);
      // The task itself is a request addressed to an assistant: harmless from the user, an
      // injection when it arrives inside a document the agent reads.
      const taskSegments = splitSegments(normalizeText(task).text);
      for (const segment of taskSegments) if (taskSegments.length > 1) add(segment, 1, 0.5);
      if (taskSegments.length === 1) requests.push(taskSegments[0]);
    } else if (row.label === "benign" && row.channel === "user") {
      // Short real user requests (one line): the questions and asks an attacker slips into a
      // document are of the same kind ("What are the main causes of …?").
      const segments = splitSegments(normalizeText(row.text).text);
      if (segments.length === 1 && segments[0].length <= SHORT_REQUEST_CHARS) {
        requests.push(segments[0]);
      }
    }
  }
  // Each request also goes, as its own line, into one training email (chosen by hash, deterministic).
  if (trainingEmails.length > 0) {
    trainingEmails.sort((a, b) => a.origin.localeCompare(b.origin));
    for (const request of requests) {
      const hash = parseInt(sha256(request).slice(0, 8), 16);
      const email = trainingEmails[hash % trainingEmails.length];
      const lines = email.text.split("\n");
      const at = (hash >>> 8) % (lines.length + 1);
      const attacked = [...lines.slice(0, at), request, ...lines.slice(at)].join("\n");
      addDocument(attacked, (segment) => (segment === request ? 1 : null), SYNTHETIC_WEIGHT, `${email.origin}+`);
    }
  }
  return { examples: [...examples.values()], unmarked };
}

/**
 * The indirect model. Attacked documents without a clean twin are learnt from as multiple-instance
 * bags: a model fitted on the marked data picks each bag's most suspicious segment, which becomes an
 * injected example for the final fit (its other segments stay unlabelled).
 */
export function fitIndirect(rows: CorpusRow[], twinRows: CorpusRow[] = rows, epochs = EPOCHS): Trained {
  const { examples, unmarked } = indirectExamples(rows, twinRows);
  const first = fitLogistic(examples, epochs, INDIRECT_L2);
  if (unmarked.length === 0) return first;
  const picked: Example[] = [];
  for (const bag of unmarked) {
    const scored = bag.map((piece) => ({ ...piece, logit: logitOf(first, piece.vector) }));
    const best = scored.reduce((top, piece) => (piece.logit > top.logit ? piece : top), scored[0]);
    if (!best) continue;
    picked.push({ vector: best.vector, label: 1, weight: 1, key: sha256(`bag:${best.key}`) });
    // The rest of the bag, where clearly less suspicious, is the document the attack was put in.
    for (const piece of scored) {
      if (piece.logit < best.logit - BAG_MARGIN) picked.push({ vector: piece.vector, label: 0, weight: BAG_REST_WEIGHT, key: sha256(`bag-rest:${piece.key}`) });
    }
  }
  return fitLogistic([...examples, ...picked], epochs, INDIRECT_L2);
}

type Trained = { bias: number; weights: Float64Array };

function priorWeights(): Float64Array {
  const prior = new Float64Array(1 << HASH_BITS);
  for (const candidate of INJECTION_RULES) prior[hashFeature(`r:${candidate.id}`)] = candidate.weight;
  return prior;
}

const RULE_INDICES = new Set(INJECTION_RULES.map((candidate) => hashFeature(`r:${candidate.id}`)));
const RULE_MASK = new Uint8Array(1 << HASH_BITS);
for (const index of RULE_INDICES) RULE_MASK[index] = 1;

export function fitLogistic(examples: Example[], epochs = EPOCHS, l2 = L2): Trained {
  const prior = priorWeights();
  const weights = Float64Array.from(prior);
  const squaredGradients = new Float64Array(weights.length).fill(1e-8);
  let bias = 0;
  let biasSquared = 1e-8;
  const positives = examples.filter((example) => example.label === 1).reduce((sum, e) => sum + e.weight, 0);
  const negatives = examples.filter((example) => example.label === 0).reduce((sum, e) => sum + e.weight, 0);
  // Balanced classes: each class carries half the total weight.
  const classWeight = [(positives + negatives) / (2 * negatives), (positives + negatives) / (2 * positives)];

  // A deterministic order per epoch: examples sorted by key, then a seeded Fisher-Yates shuffle
  // (hashing keys inside a sort comparator cost more than the fit itself).
  const sorted = [...examples].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let seed = 0x9e3779b9;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = sorted;
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const example of order) {
      const { indices, values } = example.vector;
      let logit = bias;
      for (let i = 0; i < indices.length; i++) logit += weights[indices[i]] * values[i];
      const error = (1 / (1 + Math.exp(-logit)) - example.label) * example.weight * classWeight[example.label];
      for (let i = 0; i < indices.length; i++) {
        const index = indices[i];
        const gradient = error * values[i] + l2 * (weights[index] - prior[index]);
        squaredGradients[index] += gradient * gradient;
        weights[index] -= (LEARNING_RATE * gradient) / Math.sqrt(squaredGradients[index]);
        // A rule may be learnt to matter less than its prior, never to argue for "benign".
        if (RULE_MASK[index] === 1 && weights[index] < 0) weights[index] = 0;
      }
      biasSquared += error * error;
      bias -= (LEARNING_RATE * error) / Math.sqrt(biasSquared);
    }
  }
  return { bias, weights };
}

function logitOf(model: Trained, vector: SparseVector): number {
  let logit = model.bias;
  for (let i = 0; i < vector.indices.length; i++) logit += model.weights[vector.indices[i]] * vector.values[i];
  return logit;
}

/** The lowest logit threshold whose out-of-fold false-positive rate stays within budget. */
export function outOfFoldThreshold(examples: Example[], fprBudget: number, { epochs, folds }: Effort = FULL_EFFORT): number {
  const benignScores: number[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const inFold = (example: Example) => parseInt(example.key.slice(-4), 16) % folds === fold;
    const model = fitLogistic(examples.filter((example) => !inFold(example)), epochs);
    for (const example of examples) if (inFold(example) && example.label === 0) benignScores.push(logitOf(model, example.vector));
  }
  benignScores.sort((a, b) => b - a);
  const allowed = Math.floor(benignScores.length * fprBudget);
  // Never below even odds: the budget only ever makes the model stricter.
  return Math.max(0, benignScores[allowed] ?? 0);
}

/**
 * The document-level threshold, from out-of-fold scores of training documents: the one with the best
 * F1 among those whose false-positive rate on benign documents stays within budget.
 */
export function documentThreshold(rows: CorpusRow[], fprBudget: number, { epochs, folds }: Effort = FULL_EFFORT): { threshold: number; benignDocuments: number; attackedDocuments: number } {
  // Folds by group, as the validation split does: an attack's copies stay together (held-out attacks),
  // and a clean email stays with itself.
  const groupOf = (row: CorpusRow) => (row.channel === "tool" ? (toolRowParts(row).attack ?? toolRowParts(row).context) : row.id);
  const foldOf = (row: CorpusRow) => parseInt(sha256(groupOf(row)).slice(-4), 16) % folds;
  const scored: { logit: number; attacked: boolean }[] = [];
  for (let fold = 0; fold < folds; fold++) {
    // Twins come from all the rows: a held-out clean email is not an attack's injected segment.
    const model = fitIndirect(rows.filter((row) => foldOf(row) !== fold), rows, epochs);
    for (const row of rows) {
      if (foldOf(row) !== fold) continue;
      const text = row.label === "benign" ? benignDocumentText(row) : row.channel === "tool" ? row.text : null;
      if (text !== null) scored.push({ logit: documentLogit(model, normalizeText(text).text), attacked: row.label === "injection" });
    }
  }
  scored.sort((a, b) => b.logit - a.logit);
  const benignDocuments = scored.filter((doc) => !doc.attacked).length;
  const attackedDocuments = scored.length - benignDocuments;
  let best = { f1: -1, threshold: scored[0]?.logit ?? 0 };
  let truePositives = 0;
  let falsePositives = 0;
  for (let i = 0; i < scored.length; i++) {
    if (scored[i].attacked) truePositives++;
    else falsePositives++;
    // Threshold at this document's score flags it and every higher one; ties are flagged together.
    if (i + 1 < scored.length && scored[i + 1].logit === scored[i].logit) continue;
    if (falsePositives > benignDocuments * fprBudget) break;
    const f1 = (2 * truePositives) / (2 * truePositives + falsePositives + (attackedDocuments - truePositives));
    if (f1 > best.f1) best = { f1, threshold: scored[i].logit };
  }
  return { threshold: best.threshold, benignDocuments, attackedDocuments };
}

/** A benign document: a clean email, or the instance input of a Self-Instruct task (without the task). */
function benignDocumentText(row: CorpusRow): string | null {
  if (row.channel === "tool") return row.text;
  if (!row.origin.startsWith("yizhongw/self-instruct")) return null;
  const [, ...instance] = row.text.split("\n\n");
  return instance.length > 0 ? instance.join("\n") : null;
}

function documentLogit(model: Trained, text: string): number {
  let best = -Infinity;
  for (const { vector } of documentPieces(text)) best = Math.max(best, logitOf(model, vector));
  return best;
}

/** Keeps the rule weights and the `keep` strongest others, so weights.json stays small. */
export function serialize(model: Trained, threshold: number, keep: number): SerializedModel {
  const ranked: [number, number][] = [];
  model.weights.forEach((weight, index) => {
    if (Math.abs(weight) >= PRUNE_BELOW && !RULE_INDICES.has(index)) ranked.push([index, weight]);
  });
  ranked.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  const kept = [...ranked.slice(0, keep), ...[...RULE_INDICES].map((index): [number, number] => [index, model.weights[index]])];
  const weights = kept
    .sort((a, b) => a[0] - b[0])
    .map(([index, weight]): [number, number] => [index, Math.round(weight * 1e3) / 1e3]);
  return { bias: Math.round(model.bias * 1e4) / 1e4, threshold: Math.round(threshold * 1e4) / 1e4, weights };
}

/**
 * Both models from training rows. An effort below FULL_EFFORT trades a little fit for time (the
 * leave-one-source-out evaluation trains one pair of models per source).
 */
export function trainModels(train: CorpusRow[], effort: Effort = FULL_EFFORT): { direct: SerializedModel; indirect: SerializedModel; counts: Record<string, number> } {
  const direct = directExamples(train);
  const indirect = indirectExamples(train);
  const { epochs } = effort;
  const indirectThreshold = documentThreshold(train, INDIRECT_DOCUMENT_FPR_BUDGET, effort);
  return {
    direct: serialize(fitLogistic(direct, epochs), outOfFoldThreshold(direct, DIRECT_FPR_BUDGET, effort), DIRECT_WEIGHTS_KEPT),
    indirect: serialize(fitIndirect(train, train, epochs), indirectThreshold.threshold, INDIRECT_WEIGHTS_KEPT),
    counts: {
      directExamples: direct.length,
      indirectExamples: indirect.examples.length,
      indirectInjectedSegments: indirect.examples.filter((example) => example.label === 1).length,
      indirectUnmarkedDocuments: indirect.unmarked.length,
      indirectBenignDocuments: indirectThreshold.benignDocuments,
      indirectAttackedDocuments: indirectThreshold.attackedDocuments,
    },
  };
}
