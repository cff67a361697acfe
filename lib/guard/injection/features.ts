// Feature extraction shared by the detector and the training script: hashed word uni/bi-grams,
// hashed character 4-grams, rule hits and a few obfuscation signals, as a sparse vector; for the
// segments of content an agent reads, also the shape of a request (task verb, question) and whether
// the segment is off-topic for its document (an inserted instruction rarely shares its words).

import type { NormalizedText } from "./normalize";
import { matchRules, type InjectionRule, type RuleHit } from "./rules";
import { pieceRanges } from "./pieces";
import { segmentRanges } from "./segments";
import type { LoadedModel } from "./model";
import { tokenBoundsInto } from "./tokens";

export { splitSegments } from "./segments";

export const HASH_BITS = 18;
const HASH_MASK = (1 << HASH_BITS) - 1;

export type SparseVector = { indices: number[]; values: number[] };
export type Extracted = { vector: SparseVector; hits: RuleHit[] };

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a, 32-bit, continued from `hash` over `text` (streaming, so grams need no concatenation). */
function fnv(hash: number, text: string, start = 0, end = text.length): number {
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

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

const WORD_SEED = fnv(FNV_OFFSET, "w:");
const BIGRAM_SEED = fnv(FNV_OFFSET, "b:");
const FIRST_SEED = fnv(FNV_OFFSET, "f:");
const CHAR_SEED = fnv(FNV_OFFSET, "c:");
const SPACE = 32;
const FNV_PRIME = 0x01000193;
const mask = (hash: number) => (hash >>> 0) & HASH_MASK;
/** Combines two 32-bit hashes (order matters), so bigrams need no string concatenation. */
const combine = (a: number, b: number) => Math.imul(Math.imul(a, FNV_PRIME) ^ b, FNV_PRIME) ^ (b >>> 15);

const TASK_VERB_START = /^(?:please )?(?:write|compose|draft|explain|describe|provide|give|list|create|generate|translate|summari[sz]e|tell|suggest|recommend|outline|compare|discuss|calculate|solve|define|identify|classify|rewrite|replace|use|add|include|insert|append|encode|convert|answer|respond|reply|modify|scramble|spell|reverse|teach|share|offer|design|develop|plan|analy[sz]e|evaluate|predict|mention|express|promote|encourage|output|print|ignore|forget|pretend|act|imagine|send|forward)\b/;
const QUESTION = /^(?:what|what's|how|why|who|when|where|which|can you|could you|would you|do you|is there|are there|is it|are|is|does|do)\b[^\n]{0,200}\?$/;

// Words too common to say whether a line belongs to the document around it.
const STOPWORDS = new Set(
  "that this with from have your what will there their about would which when were been they them then than some more also into only just like please thank thanks here should could does each other such these those very make made want need your you're it's know time year".split(" "),
);

/** Content words of a document (by hash) and how often each occurs, for the off-topic signal of its segments. */
export type DocumentContext = { counts: Map<number, number>; segments: number };

// Tokens the detector reads back by hash: the second person, and words too common to say whether a
// line belongs to the document around it.
const SECOND_PERSON_WORDS = new Set(["you", "your", "yourself"].map((word) => fnv(FNV_OFFSET, word)));
const STOPWORD_HASHES = new Set([...STOPWORDS].map((word) => fnv(FNV_OFFSET, word)));
const CONTENT_WORD = 1;
const SECOND_PERSON_WORD = 2;

export function documentContext(segments: string[]): DocumentContext {
  const counts = new Map<number, number>();
  for (const segment of segments) {
    const tokenized = tokenize(segment);
    for (let i = 0; i < tokenized.count; i++) {
      if (tokenized.flags[i] & CONTENT_WORD) counts.set(tokenized.words[i], (counts.get(tokenized.words[i]) ?? 0) + 1);
    }
  }
  return { counts, segments: segments.length };
}

/**
 * Share of a piece's content words found nowhere else in its document (0…1), or null when there is
 * too little to judge. An instruction slipped into an email is usually about something else entirely.
 */
function offTopicShare(tokenized: Tokenized, context: DocumentContext): number | null {
  if (context.segments < 3) return null;
  const own = new Map<number, number>();
  for (let i = 0; i < tokenized.count; i++) {
    if (tokenized.flags[i] & CONTENT_WORD) own.set(tokenized.words[i], (own.get(tokenized.words[i]) ?? 0) + 1);
  }
  if (own.size < 2) return null;
  let elsewhere = 0;
  for (const [word, n] of own) if ((context.counts.get(word) ?? 0) > n) elsewhere++;
  return 1 - elsewhere / own.size;
}

// Dedup of hashed grams without allocating a Set per call: a slot holds the stamp of the last pass
// that saw it.
const stamps = new Uint8Array(1 << HASH_BITS);
let stamp = 0;
const START = fnv(FNV_OFFSET, "^");

/**
 * A text's tokens: offsets, hashes and flags of each, and the indices of its word gram, of its bigram
 * with the token before and of its character 4-grams (those of token i are chars[charFrom[i]…charFrom[i + 1])).
 * A document is tokenised once for all its segments. The arrays are scratch buffers, reused by the
 * next tokenize call (the detector is synchronous): read them before tokenising anything else.
 */
type Tokenized = {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  words: Int32Array;
  flags: Uint8Array;
  unigrams: Int32Array;
  bigrams: Int32Array;
  charFrom: Int32Array;
  chars: Int32Array;
};

let scratch: Tokenized = allocateTokenized(4096);

function allocateTokenized(capacity: number): Tokenized {
  return {
    count: 0,
    starts: new Int32Array(capacity),
    ends: new Int32Array(capacity),
    words: new Int32Array(capacity),
    flags: new Uint8Array(capacity),
    unigrams: new Int32Array(capacity),
    bigrams: new Int32Array(capacity),
    charFrom: new Int32Array(capacity + 1),
    chars: new Int32Array(capacity),
  };
}

// " word " as character codes, for its 4-grams (at most 24 of them: longer words are cut).
const padded = new Int32Array(27);

function tokenize(text: string): Tokenized {
  // A text has no more tokens, nor character grams, than characters.
  if (scratch.starts.length < text.length + 1) scratch = allocateTokenized(Math.max(text.length + 1, scratch.starts.length * 2));
  const tokenized = scratch;
  const { starts, ends, words, flags, unigrams, bigrams, charFrom, chars } = tokenized;
  const count = tokenBoundsInto(text, tokenized);
  tokenized.count = count;
  let charCount = 0;
  let previous = START;
  for (let t = 0; t < count; t++) {
    const start = starts[t];
    const end = ends[t];
    const length = end - start;
    const word = fnv(FNV_OFFSET, text, start, end);
    words[t] = word;
    flags[t] = (length >= 4 && !STOPWORD_HASHES.has(word) ? CONTENT_WORD : 0) | (length >= 3 && length <= 8 && SECOND_PERSON_WORDS.has(word) ? SECOND_PERSON_WORD : 0);
    unigrams[t] = mask(combine(WORD_SEED, word));
    bigrams[t] = mask(combine(BIGRAM_SEED ^ previous, word));
    previous = word;
    charFrom[t] = charCount;
    // Character 4-grams of " word " catch misspellings and fragments the word grams miss.
    if (length < 4) continue;
    const grams = Math.min(length - 1, 24);
    padded[0] = SPACE;
    for (let k = 0; k < grams + 2; k++) padded[k + 1] = k < length ? text.charCodeAt(start + k) : SPACE;
    for (let g = 0; g < grams; g++) {
      const hash = Math.imul(Math.imul(Math.imul(Math.imul(CHAR_SEED ^ padded[g], FNV_PRIME) ^ padded[g + 1], FNV_PRIME) ^ padded[g + 2], FNV_PRIME) ^ padded[g + 3], FNV_PRIME);
      chars[charCount++] = mask(hash);
    }
  }
  charFrom[count] = charCount;
  return tokenized;
}

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

/**
 * Assembles the feature vector of a piece as the current one: its n-grams (see emitGrams), then rule
 * hits and signals on their own scale.
 */
function assemble(piece: Piece): void {
  const { text, tokenized, from, to, hits, signals, offTopic } = piece;
  emitGrams(tokenized, from, to);
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

/**
 * offTopicShare of each segment (token ranges) in the document they make up, with the content words
 * numbered once for the document rather than counted in a map per segment.
 */
function offTopicShares(tokenized: Tokenized, segments: [number, number][]): (number | null)[] {
  if (segments.length < 3) return segments.map(() => null);
  const { words, flags } = tokenized;
  nextWordTable();
  if (slotOfToken.length < tokenized.count) slotOfToken = new Int32Array(Math.max(tokenized.count, slotOfToken.length * 2));
  for (const [first, last] of segments) {
    for (let i = first; i < last; i++) {
      if (!(flags[i] & CONTENT_WORD)) {
        slotOfToken[i] = -1;
        continue;
      }
      const slot = wordSlot(words[i]);
      documentCounts[slot]++;
      slotOfToken[i] = slot;
    }
  }
  const shares: (number | null)[] = [];
  for (const [first, last] of segments) {
    let distinct = 0;
    for (let i = first; i < last; i++) {
      const slot = slotOfToken[i];
      if (slot < 0) continue;
      if (ownCounts[slot] === 0) distinctSlots[distinct++] = slot;
      ownCounts[slot]++;
    }
    let elsewhere = 0;
    for (let d = 0; d < distinct; d++) {
      const slot = distinctSlots[d];
      if (documentCounts[slot] > ownCounts[slot]) elsewhere++;
      ownCounts[slot] = 0;
    }
    shares.push(distinct < 2 ? null : 1 - elsewhere / distinct);
  }
  return shares;
}

// Content-word counts of the document being scored, in an open-addressed table keyed by word hash and
// reused (a slot is live when its stamp is the current one). A scanned text holds at most a few
// thousand distinct words (see SCAN_HEAD_CHARS), far fewer than the slots.
const WORD_SLOTS = 1 << 15;
const slotWords = new Int32Array(WORD_SLOTS);
const slotStamps = new Uint16Array(WORD_SLOTS);
const documentCounts = new Int32Array(WORD_SLOTS);
const ownCounts = new Int32Array(WORD_SLOTS);
const distinctSlots = new Int32Array(WORD_SLOTS);
let slotOfToken = new Int32Array(4096);
let wordStamp = 0;

function nextWordTable(): void {
  wordStamp = wordStamp === 0xffff ? 1 : wordStamp + 1;
  if (wordStamp === 1) slotStamps.fill(0);
}

function wordSlot(word: number): number {
  let slot = Math.imul(word, 0x9e3779b1) >>> 17;
  while (slotStamps[slot] === wordStamp && slotWords[slot] !== word) slot = (slot + 1) & (WORD_SLOTS - 1);
  if (slotStamps[slot] !== wordStamp) {
    slotStamps[slot] = wordStamp;
    slotWords[slot] = word;
    documentCounts[slot] = 0;
  }
  return slot;
}
