// Whether a piece of a document is off-topic for it: the share of its content words found nowhere else
// in the document (an instruction slipped into an email is usually about something else entirely).
// For one piece against a document's context (training), and for all segments of a document at once
// (the detector, with reused buffers).

import { CONTENT_WORD, tokenize, type Tokenized } from "./tokenize";

/** Content words of a document (by hash) and how often each occurs, for the off-topic signal of its segments. */
export type DocumentContext = { counts: Map<number, number>; segments: number };

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
export function offTopicShare(tokenized: Tokenized, context: DocumentContext): number | null {
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

/**
 * offTopicShare of each segment (token ranges) in the document they make up, with the content words
 * numbered once for the document rather than counted in a map per segment.
 */
export function offTopicShares(tokenized: Tokenized, segments: [number, number][]): (number | null)[] {
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
