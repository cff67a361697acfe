// Feature extraction shared by the detector and the training script: hashed word uni/bi-grams,
// hashed character 4-grams, rule hits and a few obfuscation signals, as a sparse vector; for the
// segments of content an agent reads, also the shape of a request (task verb, question) and whether
// the segment is off-topic for its document (an inserted instruction rarely shares its words).

import type { NormalizedText } from "./normalize";
import { matchRules, type InjectionRule, type RuleHit } from "./rules";
import { segmentRanges } from "./segments";

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
const TOKEN_ASCII = /[a-z0-9]+(?:'[a-z]+)?|[!?:;]/g;
const TOKEN_UNICODE = /[\p{L}\p{N}]+(?:'[\p{L}]+)?|[!?:;]/gu;
const NON_ASCII = /[^\x00-\x7F]/;

// Words too common to say whether a line belongs to the document around it.
const STOPWORDS = new Set(
  "that this with from have your what will there their about would which when were been they them then than some more also into only just like please thank thanks here should could does each other such these those very make made want need your you're it's know time year".split(" "),
);

/** Content words of a document and how often each occurs, for the off-topic signal of its segments. */
export type DocumentContext = { counts: Map<string, number>; segments: number };

function tokensOf(text: string): string[] {
  return text.match(NON_ASCII.test(text) ? TOKEN_UNICODE : TOKEN_ASCII) ?? [];
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
const stamps = new Uint32Array(1 << HASH_BITS);
let stamp = 0;
const START = fnv(FNV_OFFSET, "^");

/** A text's tokens with their offsets and hashes: a document is tokenised once for all its segments. */
type Tokenized = { tokens: string[]; starts: number[]; words: number[]; charFrom: number[]; chars: number[] };

function tokenize(text: string): Tokenized {
  const pattern = NON_ASCII.test(text) ? TOKEN_UNICODE : TOKEN_ASCII;
  const tokenized: Tokenized = { tokens: [], starts: [], words: [], charFrom: [], chars: [] };
  const { tokens, starts, words, charFrom, chars } = tokenized;
  pattern.lastIndex = 0;
  for (let found = pattern.exec(text); found !== null; found = pattern.exec(text)) {
    const token = found[0];
    tokens.push(token);
    starts.push(found.index);
    words.push(fnv(FNV_OFFSET, token));
    charFrom.push(chars.length);
    // Character 4-grams of " word " catch misspellings and fragments the word grams miss.
    const length = token.length;
    if (length < 4) continue;
    for (let from = -1; from + 4 <= length + 1 && from < 23; from++) {
      let hash = CHAR_SEED;
      for (let k = from; k < from + 4; k++) hash = Math.imul(hash ^ (k < 0 || k >= length ? SPACE : token.charCodeAt(k)), FNV_PRIME);
      chars.push(mask(hash));
    }
  }
  charFrom.push(chars.length);
  return tokenized;
}

/** Distinct word uni/bi-gram, first-word and character-gram indices of tokens [from, to). */
function gramIndices(tokenized: Tokenized, from: number, to: number): number[] {
  stamp = stamp === 0xffffffff ? 1 : stamp + 1;
  if (stamp === 1) stamps.fill(0);
  const indices: number[] = [];
  const { words, charFrom, chars } = tokenized;
  let previous = START;
  for (let i = from; i < to; i++) {
    const word = words[i];
    see(indices, mask(combine(WORD_SEED, word)));
    see(indices, mask(combine(BIGRAM_SEED ^ previous, word)));
    previous = word;
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

type Piece = {
  text: string;
  tokens: string[];
  grams: number[];
  hits: RuleHit[];
  signals: NormalizedText["signals"] | null;
  decodedPayloads: number;
  indirect: boolean;
  context?: DocumentContext;
};

/**
 * The feature vector of a piece. N-grams are binary and scaled to unit length so that a long text
 * does not out-vote a short one by volume; rule hits and signals keep their own scale.
 */
function assemble(piece: Piece): Extracted {
  const { text, tokens, grams: indices, hits, signals } = piece;
  const gramValue = indices.length > 0 ? 1 / Math.sqrt(indices.length) : 0;
  const values: number[] = new Array(indices.length).fill(gramValue);
  for (const hit of hits) {
    indices.push(hashFeature(`r:${hit.rule.id}`));
    values.push(1);
  }
  const push = (name: string, value: number) => pushNamed(indices, values, name, value);
  let secondPerson = 0;
  for (const token of tokens) if (token === "you" || token === "your" || token === "yourself") secondPerson++;
  push("d:second-person", tokens.length > 0 ? Math.min(1, (secondPerson / tokens.length) * 10) : 0);
  if (signals) {
    push("d:invisible", Math.min(1, signals.invisibleChars / 3));
    push("d:confusables", Math.min(1, signals.confusables / 3));
    push("d:spaced-letters", Math.min(1, signals.spacedLetters / 2));
    push("d:leet", Math.min(1, signals.leet / 3));
  }
  push("d:decoded-payload", piece.decodedPayloads > 0 ? 1 : 0);
  if (piece.indirect) {
    // The shape of a request addressed to the reader: a line that opens with a task verb or asks
    // a question. Common in prompts, rarer in the documents an agent reads.
    const taskVerb = TASK_VERB_START.test(text) ? 1 : 0;
    const question = QUESTION.test(text) ? 1 : 0;
    push("d:task-verb-start", taskVerb);
    push("d:question", question);
    const offTopic = piece.context ? offTopicShare(tokens, piece.context) : null;
    if (offTopic !== null) {
      push("d:in-document", 1);
      push("d:off-topic", offTopic);
      push("d:off-topic-task", offTopic * taskVerb);
      push("d:off-topic-question", offTopic * question);
    }
  }
  return { vector: { indices, values }, hits };
}

function pushNamed(indices: number[], values: number[], name: string, value: number): void {
  if (value === 0) return;
  indices.push(hashFeature(name));
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
  return assemble({
    text: scanned,
    tokens: tokenized.tokens,
    grams: gramIndices(tokenized, 0, tokenized.tokens.length),
    hits: matchRules(scanned, indirect, options.rules),
    signals,
    decodedPayloads: decoded.length,
    indirect,
    context: options.context,
  });
}

export type DocumentFeatures = {
  /** The document as a whole, with its decoded payloads (as extractFeatures would give). */
  whole: Extracted;
  /** Each segment (see splitSegments) in its document context, then each decoded payload alone. */
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
    grams: gramIndices(tokenized, 0, tokens.length),
    hits: matchRules(scanned, true),
    signals: normalized.signals,
    decodedPayloads: decoded.length,
    indirect: true,
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
  const tokenRanges: [number, number][] = [];
  const counts = new Map<string, number>();
  let next = 0;
  for (let r = 0; r < ranges.length; r++) {
    const [from, to] = ranges[r];
    while (next < tokens.length && starts[next] < from) next++;
    const first = next;
    while (next < tokens.length && starts[next] < to) next++;
    tokenRanges.push([first, next]);
    if (r < textSegments) for (let i = first; i < next; i++) if (isContentWord(tokens[i])) counts.set(tokens[i], (counts.get(tokens[i]) ?? 0) + 1);
  }
  const context: DocumentContext = { counts, segments: textSegments };

  const segments = ranges.map(([from, to], r) => {
    const segment = scanned.slice(from, to);
    const [first, last] = tokenRanges[r];
    return assemble({
      text: segment,
      tokens: tokens.slice(first, last),
      grams: gramIndices(tokenized, first, last),
      hits: rules.length > 0 ? matchRules(segment, true, rules) : [],
      signals: null,
      decodedPayloads: 0,
      indirect: true,
      context: r < textSegments ? context : undefined,
    });
  });
  return { whole, segments };
}
