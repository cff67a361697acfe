// Feature extraction shared by the detector and the training script: hashed word uni/bi-grams,
// hashed character 4-grams, rule hits and a few obfuscation signals, as a sparse vector; for the
// segments of content an agent reads, also the shape of a request (task verb, question) and whether
// the segment is off-topic for its document (an inserted instruction rarely shares its words).

import type { NormalizedText } from "./normalize";
import { matchRules, type InjectionRule, type RuleHit } from "./rules";
import { pieceRanges } from "./pieces";
import { segmentRanges } from "./segments";
import { tokenBounds } from "./tokens";

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

/** Content words of a document and how often each occurs, for the off-topic signal of its segments. */
export type DocumentContext = { counts: Map<string, number>; segments: number };

function tokensOf(text: string): string[] {
  const { starts, ends } = tokenBounds(text);
  return starts.map((start, i) => text.slice(start, ends[i]));
}

const isContentWord = (token: string) => token.length >= 4 && !STOPWORDS.has(token);

export function documentContext(segments: string[]): DocumentContext {
  const counts = new Map<string, number>();
  for (const segment of segments) {
    for (const token of tokensOf(segment)) if (isContentWord(token)) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return { counts, segments: segments.length };
}

/**
 * Share of a segment's content words found nowhere else in its document (0…1), or null when there is
 * too little to judge. An instruction slipped into an email is usually about something else entirely.
 */
function offTopicShare(tokens: string[], context: DocumentContext): number | null {
  if (context.segments < 3) return null;
  const own = new Map<string, number>();
  for (const token of tokens) if (isContentWord(token)) own.set(token, (own.get(token) ?? 0) + 1);
  if (own.size < 2) return null;
  let elsewhere = 0;
  for (const [token, n] of own) if ((context.counts.get(token) ?? 0) > n) elsewhere++;
  return 1 - elsewhere / own.size;
}

// Dedup of hashed grams without allocating a Set per call: a slot holds the stamp of the last pass
// that saw it.
const stamps = new Uint8Array(1 << HASH_BITS);
let stamp = 0;
const START = fnv(FNV_OFFSET, "^");

/** A text's tokens with their offsets and hashes: a document is tokenised once for all its segments. */
type Tokenized = {
  tokens: string[];
  starts: number[];
  /** Hash of each token, and the indices of its word gram and of its bigram with the token before. */
  words: number[];
  unigrams: number[];
  bigrams: number[];
  /** Character 4-gram indices: those of token i are chars[charFrom[i]…charFrom[i + 1]). */
  charFrom: number[];
  chars: number[];
};

// " word " as character codes, for its 4-grams (at most 24 of them: longer words are cut).
const padded = new Int32Array(27);

function tokenize(text: string): Tokenized {
  const { starts, ends } = tokenBounds(text);
  const tokenized: Tokenized = { tokens: [], starts, words: [], unigrams: [], bigrams: [], charFrom: [], chars: [] };
  const { tokens, words, unigrams, bigrams, charFrom, chars } = tokenized;
  let previous = START;
  for (let t = 0; t < starts.length; t++) {
    const start = starts[t];
    const end = ends[t];
    // Only tokens of 3+ characters are ever read back ("you", content words): shorter ones stay empty.
    tokens.push(end - start >= 3 ? text.slice(start, end) : "");
    const word = fnv(FNV_OFFSET, text, start, end);
    words.push(word);
    unigrams.push(mask(combine(WORD_SEED, word)));
    bigrams.push(mask(combine(BIGRAM_SEED ^ previous, word)));
    previous = word;
    charFrom.push(chars.length);
    // Character 4-grams of " word " catch misspellings and fragments the word grams miss.
    const length = end - start;
    if (length < 4) continue;
    const grams = Math.min(length - 1, 24);
    padded[0] = SPACE;
    for (let k = 0; k < grams + 2; k++) padded[k + 1] = k < length ? text.charCodeAt(start + k) : SPACE;
    for (let g = 0; g < grams; g++) {
      const hash = Math.imul(Math.imul(Math.imul(Math.imul(CHAR_SEED ^ padded[g], FNV_PRIME) ^ padded[g + 1], FNV_PRIME) ^ padded[g + 2], FNV_PRIME) ^ padded[g + 3], FNV_PRIME);
      chars.push(mask(hash));
    }
  }
  charFrom.push(chars.length);
  return tokenized;
}

/** Distinct word uni/bi-gram, first-word and character-gram indices of tokens [from, to). */
function gramIndices(tokenized: Tokenized, from: number, to: number): number[] {
  stamp = stamp === 0xff ? 1 : stamp + 1;
  if (stamp === 1) stamps.fill(0);
  const indices: number[] = [];
  const { words, unigrams, bigrams, charFrom, chars } = tokenized;
  for (let i = from; i < to; i++) {
    see(indices, unigrams[i]);
    // A piece's first word follows START, whatever came before it in the text.
    see(indices, i === from ? mask(combine(BIGRAM_SEED ^ START, words[i])) : bigrams[i]);
    for (let j = charFrom[i]; j < charFrom[i + 1]; j++) see(indices, chars[j]);
  }
  if (to > from) see(indices, mask(combine(FIRST_SEED, words[from])));
  return indices;
}

function see(indices: number[], index: number): void {
  if (stamps[index] === stamp) return;
  stamps[index] = stamp;
  indices.push(index);
}

/** A piece of text to vectorise: tokens [from, to) of its tokenised text, and what else is known. */
type Piece = {
  text: string;
  tokens: string[];
  from: number;
  to: number;
  grams: number[];
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
 * The feature vector of a piece. N-grams are binary and scaled to unit length so that a long text
 * does not out-vote a short one by volume; rule hits and signals keep their own scale.
 */
function assemble(piece: Piece): Extracted {
  const { text, tokens, from, to, grams: indices, hits, signals, offTopic } = piece;
  const gramValue = indices.length > 0 ? 1 / Math.sqrt(indices.length) : 0;
  const values: number[] = new Array(indices.length).fill(gramValue);
  for (const hit of hits) {
    indices.push(hashFeature(`r:${hit.rule.id}`));
    values.push(1);
  }
  let secondPerson = 0;
  for (let i = from; i < to; i++) if (tokens[i] === "you" || tokens[i] === "your" || tokens[i] === "yourself") secondPerson++;
  pushFeature(indices, values, SECOND_PERSON, to > from ? Math.min(1, (secondPerson / (to - from)) * 10) : 0);
  if (signals) {
    pushFeature(indices, values, INVISIBLE, Math.min(1, signals.invisibleChars / 3));
    pushFeature(indices, values, CONFUSABLES, Math.min(1, signals.confusables / 3));
    pushFeature(indices, values, SPACED_LETTERS, Math.min(1, signals.spacedLetters / 2));
    pushFeature(indices, values, LEET, Math.min(1, signals.leet / 3));
  }
  pushFeature(indices, values, DECODED_PAYLOAD, piece.decodedPayloads > 0 ? 1 : 0);
  if (piece.indirect) {
    // The shape of a request addressed to the reader: a line that opens with a task verb or asks
    // a question. Common in prompts, rarer in the documents an agent reads.
    const taskVerb = TASK_VERB_START.test(text) ? 1 : 0;
    const question = QUESTION.test(text) ? 1 : 0;
    if (offTopic !== null) {
      // Inside a document, a request counts as far as it is off-topic: an email's own questions
      // ("could you confirm the invoice total?") are its business.
      pushFeature(indices, values, IN_DOCUMENT, 1);
      pushFeature(indices, values, OFF_TOPIC, offTopic);
      pushFeature(indices, values, OFF_TOPIC_TASK, offTopic * taskVerb);
      pushFeature(indices, values, OFF_TOPIC_QUESTION, offTopic * question);
    } else {
      pushFeature(indices, values, TASK_VERB, taskVerb);
      pushFeature(indices, values, QUESTION_SHAPE, question);
    }
  }
  return { vector: { indices, values }, hits };
}

function pushFeature(indices: number[], values: number[], index: number, value: number): void {
  if (value === 0) return;
  indices.push(index);
  values.push(value);
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
  const scanned = decoded.length > 0 ? `${text}\n${decoded.join("\n")}` : text;
  const tokenized = tokenize(scanned);
  const { tokens } = tokenized;
  return assemble({
    text: scanned,
    tokens,
    from: 0,
    to: tokens.length,
    grams: gramIndices(tokenized, 0, tokens.length),
    hits: matchRules(scanned, indirect, options.rules),
    signals,
    decodedPayloads: decoded.length,
    indirect,
    offTopic: indirect && options.context ? offTopicShare(tokens, options.context) : null,
  });
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
  const { text, decoded } = normalized;
  const scanned = decoded.length > 0 ? `${text}\n${decoded.join("\n")}` : text;
  const tokenized = tokenize(scanned);
  const { tokens, starts } = tokenized;
  const whole = assemble({
    text: scanned,
    tokens,
    from: 0,
    to: tokens.length,
    grams: gramIndices(tokenized, 0, tokens.length),
    hits: matchRules(scanned, true),
    signals: normalized.signals,
    decodedPayloads: decoded.length,
    indirect: true,
    offTopic: null,
  });

  // A rule that matches a segment matches the whole text too: segments only try the rules it hit.
  const rules = whole.hits.map((hit) => hit.rule);
  const ranges = segmentRanges(text);
  const textSegments = ranges.length;
  let offset = text.length + 1;
  for (const payload of decoded) {
    ranges.push([offset, offset + payload.length]);
    offset += payload.length + 1;
  }
  // Cells, comments and strings inside the lines (pieces.ts), scored besides their lines.
  const pieces = pieceRanges(text, ranges.slice(0, textSegments));
  const tokenRanges = [...tokenRangesOf(starts, ranges), ...tokenRangesOf(starts, pieces)];
  ranges.push(...pieces);
  const offTopic = offTopicShares(tokens, tokenRanges.slice(0, textSegments));

  const segments: Extracted[] = [];
  for (let r = 0; r < ranges.length; r++) {
    const segment = scanned.slice(ranges[r][0], ranges[r][1]);
    const [first, last] = tokenRanges[r];
    segments.push(assemble({
      text: segment,
      tokens,
      from: first,
      to: last,
      grams: gramIndices(tokenized, first, last),
      hits: rules.length > 0 ? matchRules(segment, true, rules) : [],
      signals: null,
      decodedPayloads: 0,
      indirect: true,
      offTopic: r < textSegments ? offTopic[r] : null,
    }));
  }
  return { whole, segments };
}

/** Token index ranges [first, last) of character ranges sorted by start. */
function tokenRangesOf(starts: number[], ranges: [number, number][]): [number, number][] {
  const tokenRanges: [number, number][] = [];
  let next = 0;
  for (const [from, to] of ranges) {
    while (next < starts.length && starts[next] < from) next++;
    const first = next;
    while (next < starts.length && starts[next] < to) next++;
    tokenRanges.push([first, next]);
  }
  return tokenRanges;
}

/**
 * offTopicShare of each segment (token ranges) in the document they make up, with the content words
 * numbered once for the document rather than counted in a map per segment.
 */
function offTopicShares(tokens: string[], segments: [number, number][]): (number | null)[] {
  const ids = new Map<string, number>();
  const wordIds = new Int32Array(tokens.length).fill(-1);
  const counts: number[] = [];
  for (const [first, last] of segments) {
    for (let i = first; i < last; i++) {
      if (!isContentWord(tokens[i])) continue;
      let id = ids.get(tokens[i]);
      if (id === undefined) {
        id = counts.length;
        ids.set(tokens[i], id);
        counts.push(0);
      }
      counts[id]++;
      wordIds[i] = id;
    }
  }
  const shares: (number | null)[] = [];
  if (segments.length < 3) return segments.map(() => null);
  const own = new Int32Array(counts.length);
  const distinct: number[] = [];
  for (const [first, last] of segments) {
    distinct.length = 0;
    for (let i = first; i < last; i++) {
      const id = wordIds[i];
      if (id < 0) continue;
      if (own[id] === 0) distinct.push(id);
      own[id]++;
    }
    let elsewhere = 0;
    for (const id of distinct) {
      if (counts[id] > own[id]) elsewhere++;
      own[id] = 0;
    }
    shares.push(distinct.length < 2 ? null : 1 - elsewhere / distinct.length);
  }
  return shares;
}
