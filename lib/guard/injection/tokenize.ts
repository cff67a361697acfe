// Tokenising normalised text for the feature extractor (features.ts): each token's offsets, hash and
// flags, and the hashed indices of its word gram, its bigram with the token before and its character
// 4-grams, written into scratch buffers that the next call reuses (the detector is synchronous and
// allocates little per call).

import { tokenBoundsInto } from "./tokens";
import { wordVectors } from "./word-vectors";

export const HASH_BITS = 18;
export const HASH_MASK = (1 << HASH_BITS) - 1;

export const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a, 32-bit, continued from `hash` over `text` (streaming, so grams need no concatenation). */
export function fnv(hash: number, text: string, start = 0, end = text.length): number {
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

const WORD_SEED = fnv(FNV_OFFSET, "w:");
export const BIGRAM_SEED = fnv(FNV_OFFSET, "b:");
export const FIRST_SEED = fnv(FNV_OFFSET, "f:");
const CHAR_SEED = fnv(FNV_OFFSET, "c:");
const SPACE = 32;
const FNV_PRIME = 0x01000193;
export const mask = (hash: number) => (hash >>> 0) & HASH_MASK;
/** Combines two 32-bit hashes (order matters), so bigrams need no string concatenation. */
export const combine = (a: number, b: number) => Math.imul(Math.imul(a, FNV_PRIME) ^ b, FNV_PRIME) ^ (b >>> 15);

// Tokens the detector reads back by hash: the second person, and words too common to say whether a
// line belongs to the document around it.
const STOPWORDS = new Set(
  "that this with from have your what will there their about would which when were been they them then than some more also into only just like please thank thanks here should could does each other such these those very make made want need your you're it's know time year".split(" "),
);
const SECOND_PERSON_WORDS = new Set(["you", "your", "yourself"].map((word) => fnv(FNV_OFFSET, word)));
const STOPWORD_HASHES = new Set([...STOPWORDS].map((word) => fnv(FNV_OFFSET, word)));
export const CONTENT_WORD = 1;
export const SECOND_PERSON_WORD = 2;

export const START = fnv(FNV_OFFSET, "^");

/**
 * A text's tokens: offsets, hashes and flags of each, and the indices of its word gram, of its bigram
 * with the token before and of its character 4-grams (those of token i are chars[charFrom[i]…charFrom[i + 1])).
 * A document is tokenised once for all its segments. The arrays are scratch buffers, reused by the
 * next tokenize call (the detector is synchronous): read them before tokenising anything else.
 */
export type Tokenized = {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  words: Int32Array;
  flags: Uint8Array;
  unigrams: Int32Array;
  bigrams: Int32Array;
  charFrom: Int32Array;
  chars: Int32Array;
  /** Row of each token in the word vectors (word-vectors.ts), -1 for a word without one. */
  vectorRows: Int32Array;
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
    vectorRows: new Int32Array(capacity),
  };
}

// " word " as character codes, for its 4-grams (at most 24 of them: longer words are cut).
const padded = new Int32Array(27);

export function tokenize(text: string): Tokenized {
  // A text has no more tokens, nor character grams, than characters.
  if (scratch.starts.length < text.length + 1) scratch = allocateTokenized(Math.max(text.length + 1, scratch.starts.length * 2));
  const tokenized = scratch;
  const { starts, ends, words, flags, unigrams, bigrams, charFrom, chars, vectorRows } = tokenized;
  const { rowOf } = wordVectors();
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
    vectorRows[t] = rowOf(word);
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

