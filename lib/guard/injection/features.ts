// Feature extraction shared by the detector and the training script: hashed word uni/bi-grams,
// hashed character 4-grams, rule hits and a few obfuscation signals, as a sparse vector; for the
// segments of content an agent reads, also the shape of a request (task verb, question) and whether
// the segment is off-topic for its document (an inserted instruction rarely shares its words).

import type { NormalizedText } from "./normalize";
import { matchRules, type InjectionRule, type RuleHit } from "./rules";
import { pieceRanges } from "./pieces";
import { segmentRanges } from "./segments";
import type { LoadedModel } from "./model";
import { wordVectors } from "./word-vectors";
import { documentContext, offTopicShare, offTopicShares, type DocumentContext } from "./off-topic";
import { BIGRAM_SEED, combine, FIRST_SEED, fnv, FNV_OFFSET, HASH_BITS, HASH_MASK, mask, SECOND_PERSON_WORD, START, tokenize, type Tokenized } from "./tokenize";

export { splitSegments } from "./segments";
export { documentContext, HASH_BITS, type DocumentContext };

export type SparseVector = { indices: number[]; values: number[] };
export type Extracted = { vector: SparseVector; hits: RuleHit[] };

const namedFeatures = new Map<string, number>();

/** Index of a named feature in the hash space (names are few: rule ids and signals, memoised). */
export function hashFeature(name: string): number {
  let index = namedFeatures.get(name);
  if (index === undefined) {
    index = (fnv(FNV_OFFSET, name) >>> 0) & HASH_MASK;
    if (namedFeatures.size < 1024) namedFeatures.set(name, index);
  }
  return index;
}

const TASK_VERB_START = /^(?:please )?(?:write|compose|draft|explain|describe|provide|give|list|create|generate|translate|summari[sz]e|tell|suggest|recommend|outline|compare|discuss|calculate|solve|define|identify|classify|rewrite|replace|use|add|include|insert|append|encode|convert|answer|respond|reply|modify|scramble|spell|reverse|teach|share|offer|design|develop|plan|analy[sz]e|evaluate|predict|mention|express|promote|encourage|output|print|ignore|forget|pretend|act|imagine|send|forward)\b/;
const QUESTION = /^(?:what|what's|how|why|who|when|where|which|can you|could you|would you|do you|is there|are there|is it|are|is|does|do)\b[^\n]{0,200}\?$/;

// Dedup of hashed grams without allocating a Set per call: a slot holds the stamp of the last pass
// that saw it.
const stamps = new Uint8Array(1 << HASH_BITS);
let stamp = 0;

/**
 * The features of the piece being assembled: a scratch sparse vector, read (copied out as a
 * SparseVector, or scored against a model) before the next piece is assembled.
 */
const current = { indices: new Int32Array(8192), values: new Float64Array(8192), length: 0 };

function emit(index: number, value: number): void {
  if (current.length === current.indices.length) {
    const indices = new Int32Array(current.length * 2);
    const values = new Float64Array(current.length * 2);
    indices.set(current.indices);
    values.set(current.values);
    current.indices = indices;
    current.values = values;
  }
  current.indices[current.length] = index;
  current.values[current.length++] = value;
}

/** The current piece as a SparseVector of its own (for training, which keeps the vectors). */
function currentVector(): SparseVector {
  return { indices: Array.from(current.indices.subarray(0, current.length)), values: Array.from(current.values.subarray(0, current.length)) };
}

/** Log-odds of the current piece under `model` (see score in model.ts: the same sum). */
function scoreCurrent(model: LoadedModel): number {
  let logit = model.bias;
  const { indices, values, length } = current;
  for (let i = 0; i < length; i++) logit += model.weights[indices[i]] * values[i];
  return logit;
}

/** Starts the current piece with the distinct word uni/bi-gram, first-word and character-gram indices of tokens [from, to). */
function emitGrams(tokenized: Tokenized, from: number, to: number): void {
  stamp = stamp === 0xff ? 1 : stamp + 1;
  if (stamp === 1) stamps.fill(0);
  current.length = 0;
  const { words, unigrams, bigrams, charFrom, chars } = tokenized;
  for (let i = from; i < to; i++) {
    see(unigrams[i]);
    // A piece's first word follows START, whatever came before it in the text.
    see(i === from ? mask(combine(BIGRAM_SEED ^ START, words[i])) : bigrams[i]);
    for (let j = charFrom[i]; j < charFrom[i + 1]; j++) see(chars[j]);
  }
  if (to > from) see(mask(combine(FIRST_SEED, words[from])));
  // N-grams are binary and scaled to unit length so that a long text does not out-vote a short one by volume.
  const gramValue = current.length > 0 ? 1 / Math.sqrt(current.length) : 0;
  current.values.fill(gramValue, 0, current.length);
}

function see(index: number): void {
  if (stamps[index] === stamp) return;
  stamps[index] = stamp;
  emit(index, 0);
}

/** A piece of text to vectorise: tokens [from, to) of its tokenised text, and what else is known. */
type Piece = {
  text: string;
  tokenized: Tokenized;
  from: number;
  to: number;
  hits: RuleHit[];
  signals: NormalizedText["signals"] | null;
  decodedPayloads: number;
  indirect: boolean;
  /** Off-topic share in its document (see offTopicShare), null when unknown. */
  offTopic: number | null;
};

const SECOND_PERSON = hashFeature("d:second-person");
const INVISIBLE = hashFeature("d:invisible");
const CONFUSABLES = hashFeature("d:confusables");
const SPACED_LETTERS = hashFeature("d:spaced-letters");
const LEET = hashFeature("d:leet");
const DECODED_PAYLOAD = hashFeature("d:decoded-payload");
const TASK_VERB = hashFeature("d:task-verb-start");
const QUESTION_SHAPE = hashFeature("d:question");
const IN_DOCUMENT = hashFeature("d:in-document");
const OFF_TOPIC = hashFeature("d:off-topic");
const OFF_TOPIC_TASK = hashFeature("d:off-topic-task");
const OFF_TOPIC_QUESTION = hashFeature("d:off-topic-question");

// The piece's words as one direction of meaning (word-vectors.ts): the sum of their vectors, scaled to
// unit length like the n-grams (so the vectors' own scale drops out), one feature per dimension.
// Leave-one-source-out pooled F1 0.844 -> 0.858 with them (README, "Injection screening").
const MEANING = Array.from({ length: wordVectors().dimensions }, (_, k) => hashFeature(`m:${k}`));
const meaning = new Int32Array(MEANING.length);
// A document's segments and pieces cover its tokens two or three times over: their sums come from
// running sums over the tokens (row t = the sum of tokens [0, t)), built once per document.
let running = new Int32Array(0);
let runningValid = false;

function buildRunningSums(tokenized: Tokenized): void {
  const { values, dimensions } = wordVectors();
  const size = (tokenized.count + 1) * dimensions;
  if (running.length < size) running = new Int32Array(Math.max(size, running.length * 2));
  running.fill(0, 0, dimensions);
  for (let t = 0; t < tokenized.count; t++) {
    const at = t * dimensions;
    const next = at + dimensions;
    const row = tokenized.vectorRows[t];
    if (row < 0) {
      running.copyWithin(next, at, next);
      continue;
    }
    const offset = row * dimensions;
    for (let k = 0; k < dimensions; k++) running[next + k] = running[at + k] + values[offset + k];
  }
  runningValid = true;
}

function emitMeaning(tokenized: Tokenized, from: number, to: number): void {
  const { values, dimensions } = wordVectors();
  if (runningValid) {
    for (let k = 0; k < dimensions; k++) meaning[k] = running[to * dimensions + k] - running[from * dimensions + k];
  } else {
    meaning.fill(0);
    for (let i = from; i < to; i++) {
      const row = tokenized.vectorRows[i];
      if (row < 0) continue;
      const offset = row * dimensions;
      for (let k = 0; k < dimensions; k++) meaning[k] += values[offset + k];
    }
  }
  let norm = 0;
  for (let k = 0; k < dimensions; k++) norm += meaning[k] * meaning[k];
  if (norm === 0) return;
  const unit = 1 / Math.sqrt(norm);
  for (let k = 0; k < dimensions; k++) emit(MEANING[k], meaning[k] * unit);
}

/**
 * Assembles the feature vector of a piece as the current one: its n-grams (see emitGrams), then rule
 * hits and signals on their own scale.
 */
function assemble(piece: Piece): void {
  const { text, tokenized, from, to, hits, signals, offTopic } = piece;
  emitGrams(tokenized, from, to);
  emitMeaning(tokenized, from, to);
  for (const hit of hits) emit(hashFeature(`r:${hit.rule.id}`), 1);
  let secondPerson = 0;
  for (let i = from; i < to; i++) if (tokenized.flags[i] & SECOND_PERSON_WORD) secondPerson++;
  emitFeature(SECOND_PERSON, to > from ? Math.min(1, (secondPerson / (to - from)) * 10) : 0);
  if (signals) {
    emitFeature(INVISIBLE, Math.min(1, signals.invisibleChars / 3));
    emitFeature(CONFUSABLES, Math.min(1, signals.confusables / 3));
    emitFeature(SPACED_LETTERS, Math.min(1, signals.spacedLetters / 2));
    emitFeature(LEET, Math.min(1, signals.leet / 3));
  }
  emitFeature(DECODED_PAYLOAD, piece.decodedPayloads > 0 ? 1 : 0);
  if (piece.indirect) {
    // The shape of a request addressed to the reader: a line that opens with a task verb or asks
    // a question. Common in prompts, rarer in the documents an agent reads.
    const taskVerb = TASK_VERB_START.test(text) ? 1 : 0;
    const question = QUESTION.test(text) ? 1 : 0;
    if (offTopic !== null) {
      // Inside a document, a request counts as far as it is off-topic: an email's own questions
      // ("could you confirm the invoice total?") are its business.
      emitFeature(IN_DOCUMENT, 1);
      emitFeature(OFF_TOPIC, offTopic);
      emitFeature(OFF_TOPIC_TASK, offTopic * taskVerb);
      emitFeature(OFF_TOPIC_QUESTION, offTopic * question);
    } else {
      emitFeature(TASK_VERB, taskVerb);
      emitFeature(QUESTION_SHAPE, question);
    }
  }
}

function emitFeature(index: number, value: number): void {
  if (value !== 0) emit(index, value);
}

/** Assembles one piece of normalised text (a user message, or one segment of a document) as the current piece. */
function assembleText(
  text: string,
  decoded: string[],
  signals: NormalizedText["signals"] | null,
  indirect: boolean,
  options: { context?: DocumentContext; rules?: readonly InjectionRule[] },
): RuleHit[] {
  const scanned = decoded.length > 0 ? `${text}\n${decoded.join("\n")}` : text;
  const hits = matchRules(scanned, indirect, options.rules);
  const tokenized = tokenize(scanned);
  assemble({
    text: scanned,
    tokenized,
    from: 0,
    to: tokenized.count,
    hits,
    signals,
    decodedPayloads: decoded.length,
    indirect,
    offTopic: indirect && options.context ? offTopicShare(tokenized, options.context) : null,
  });
  return hits;
}

/**
 * Features of one piece of normalised text (a user message, or one segment of a document).
 * `context` (indirect segments only) is the document the segment came from; `rules` limits matching to
 * the rules that can match (those that matched the whole document the segment is part of).
 */
export function extractFeatures(
  text: string,
  decoded: string[],
  signals: NormalizedText["signals"] | null,
  indirect: boolean,
  options: { context?: DocumentContext; rules?: readonly InjectionRule[] } = {},
): Extracted {
  const hits = assembleText(text, decoded, signals, indirect, options);
  return { vector: currentVector(), hits };
}

/** Log-odds of a user message (normalised) under `model`, and its rule hits: extractFeatures then score, without the vector. */
export function scoreMessage(normalized: NormalizedText, model: LoadedModel): { logit: number; hits: RuleHit[] } {
  const hits = assembleText(normalized.text, normalized.decoded, normalized.signals, false, {});
  return { logit: scoreCurrent(model), hits };
}

export type DocumentFeatures = {
  /** The document as a whole, with its decoded payloads (as extractFeatures would give). */
  whole: Extracted;
  /** Each segment (see splitSegments) in its document context, each decoded payload alone, then each piece (pieces.ts). */
  segments: Extracted[];
};

/**
 * Features of content an agent reads, as a whole and per segment, tokenising it once: the same
 * vectors as extractFeatures on the whole text and on each segment with its documentContext.
 */
export function extractDocument(normalized: NormalizedText): DocumentFeatures {
  const segments: Extracted[] = [];
  const wholes: Extracted[] = [];
  visitDocument(normalized, (hits, isWhole) => (isWhole ? wholes : segments).push({ vector: currentVector(), hits }));
  return { whole: wholes[0], segments };
}

/**
 * Scores content an agent reads as extractDocument vectorises it, without the vectors: the whole
 * text's log-odds under `direct`, the highest margin (log-odds minus threshold) of a segment under
 * `indirect` (-Infinity with no segment), and the whole text's rule hits.
 */
export function scoreDocument(normalized: NormalizedText, direct: LoadedModel, indirect: LoadedModel): { wholeLogit: number; segmentMargin: number; hits: RuleHit[] } {
  const result = { wholeLogit: 0, segmentMargin: -Infinity, hits: [] as RuleHit[] };
  visitDocument(normalized, (hits, isWhole) => {
    if (isWhole) {
      result.wholeLogit = scoreCurrent(direct);
      result.hits = hits;
    } else {
      result.segmentMargin = Math.max(result.segmentMargin, scoreCurrent(indirect) - indirect.threshold);
    }
  });
  return result;
}

/**
 * Assembles the whole document, then each segment (see splitSegments) in its document context, each
 * decoded payload alone, then each piece (pieces.ts), calling `visit` while each is the current piece.
 */
function visitDocument(normalized: NormalizedText, visit: (hits: RuleHit[], isWhole: boolean) => void): void {
  const { text, decoded } = normalized;
  const scanned = decoded.length > 0 ? `${text}\n${decoded.join("\n")}` : text;
  const tokenized = tokenize(scanned);
  const wholeHits = matchRules(scanned, true);
  buildRunningSums(tokenized);
  try {
    visitPieces(normalized, scanned, tokenized, wholeHits, visit);
  } finally {
    runningValid = false;
  }
}

function visitPieces(normalized: NormalizedText, scanned: string, tokenized: Tokenized, wholeHits: RuleHit[], visit: (hits: RuleHit[], isWhole: boolean) => void): void {
  const { text, decoded } = normalized;
  assemble({
    text: scanned,
    tokenized,
    from: 0,
    to: tokenized.count,
    hits: wholeHits,
    signals: normalized.signals,
    decodedPayloads: decoded.length,
    indirect: true,
    offTopic: null,
  });
  visit(wholeHits, true);

  // A rule that matches a segment matches the whole text too: segments only try the rules it hit.
  const rules = wholeHits.map((hit) => hit.rule);
  const ranges = segmentRanges(text);
  const textSegments = ranges.length;
  let offset = text.length + 1;
  for (const payload of decoded) {
    ranges.push([offset, offset + payload.length]);
    offset += payload.length + 1;
  }
  // Cells, comments and strings inside the lines (pieces.ts), scored besides their lines.
  const pieces = pieceRanges(text, ranges.slice(0, textSegments));
  const tokenRanges = [...tokenRangesOf(tokenized, ranges), ...tokenRangesOf(tokenized, pieces)];
  ranges.push(...pieces);
  const offTopic = offTopicShares(tokenized, tokenRanges.slice(0, textSegments));

  for (let r = 0; r < ranges.length; r++) {
    const segment = scanned.slice(ranges[r][0], ranges[r][1]);
    const [first, last] = tokenRanges[r];
    const hits = rules.length > 0 ? matchRules(segment, true, rules) : [];
    assemble({
      text: segment,
      tokenized,
      from: first,
      to: last,
      hits,
      signals: null,
      decodedPayloads: 0,
      indirect: true,
      offTopic: r < textSegments ? offTopic[r] : null,
    });
    visit(hits, false);
  }
}

/** Token index ranges [first, last) of character ranges sorted by start. */
function tokenRangesOf(tokenized: Tokenized, ranges: [number, number][]): [number, number][] {
  const { starts, count } = tokenized;
  const tokenRanges: [number, number][] = [];
  let next = 0;
  for (const [from, to] of ranges) {
    while (next < count && starts[next] < from) next++;
    const first = next;
    while (next < count && starts[next] < to) next++;
    tokenRanges.push([first, next]);
  }
  return tokenRanges;
}

