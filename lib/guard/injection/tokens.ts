// Tokens of normalised text: the matches of /[a-z0-9]+(?:'[a-z]+)?|[!?:;]/g for ASCII text, and of
// /[\p{L}\p{N}]+(?:'[\p{L}]+)?|[!?:;]/gu for other text, found by a hand-written scanner (the
// regexes cost as much as the rest of the feature extraction).

const LETTER = 1;
const DIGIT = 2;
const PUNCT = 4;
/** Flag on a class: the code point is a surrogate pair (two code units). */
const WIDE = 8;
const WORD = LETTER | DIGIT;

// Classes of ASCII code units in ASCII text ([a-z], [0-9]) and in other text (\p{L}, \p{N}: A-Z too).
const ASCII_CLASS = new Uint8Array(128);
const UNICODE_ASCII_CLASS = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const ch = String.fromCharCode(code);
  ASCII_CLASS[code] = /[a-z]/.test(ch) ? LETTER : /[0-9]/.test(ch) ? DIGIT : /[!?:;]/.test(ch) ? PUNCT : 0;
  UNICODE_ASCII_CLASS[code] = unicodeClassOf(code);
}

// Unicode classes, memoised per code point (BMP: class + 16, 0 while unknown).
const bmpMemo = new Uint8Array(0x10000);
const astralMemo = new Map<number, number>();
const KNOWN = 16;

function unicodeClassOf(codePoint: number): number {
  const ch = String.fromCodePoint(codePoint);
  return /\p{L}/u.test(ch) ? LETTER : /\p{N}/u.test(ch) ? DIGIT : /[!?:;]/.test(ch) ? PUNCT : 0;
}

function unicodeClassAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      const codePoint = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
      let known = astralMemo.get(codePoint);
      if (known === undefined) {
        known = unicodeClassOf(codePoint);
        astralMemo.set(codePoint, known);
      }
      return known | WIDE;
    }
  }
  let known = bmpMemo[code];
  if (known === 0) {
    known = unicodeClassOf(code) | KNOWN;
    bmpMemo[code] = known;
  }
  return known & ~KNOWN;
}

const NON_ASCII = /[^\x00-\x7F]/;

/** [start, end) offsets of the tokens of `text`, in order. */
export function tokenBounds(text: string): { starts: number[]; ends: number[] } {
  const bounds = { starts: new Int32Array(text.length), ends: new Int32Array(text.length) };
  const count = tokenBoundsInto(text, bounds);
  return { starts: Array.from(bounds.starts.subarray(0, count)), ends: Array.from(bounds.ends.subarray(0, count)) };
}

/**
 * Writes the [start, end) offsets of the tokens of `text` into `out` (each at least `text.length`
 * long: a text has no more tokens than characters) and returns how many there are. The detector
 * reuses its buffers, so a call allocates nothing.
 */
export function tokenBoundsInto(text: string, out: { starts: Int32Array; ends: Int32Array }): number {
  const { starts, ends } = out;
  let count = 0;
  // ASCII text has no code unit ≥ 128, so only other text reaches unicodeClassAt.
  const table = NON_ASCII.test(text) ? UNICODE_ASCII_CLASS : ASCII_CLASS;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    const kind = code < 128 ? table[code] : unicodeClassAt(text, i);
    if (!(kind & WORD)) {
      if (kind & PUNCT) {
        starts[count] = i;
        ends[count++] = i + 1;
      }
      i += kind & WIDE ? 2 : 1;
      continue;
    }
    const start = i;
    i += kind & WIDE ? 2 : 1;
    let next = 0;
    for (; i < length; i += next & WIDE ? 2 : 1) {
      const c = text.charCodeAt(i);
      next = c < 128 ? table[c] : unicodeClassAt(text, i);
      if (!(next & WORD)) break;
    }
    // An apostrophe and letters: "don't", "user's".
    if (i + 1 < length && text.charCodeAt(i) === 39) {
      const c = text.charCodeAt(i + 1);
      next = c < 128 ? table[c] : unicodeClassAt(text, i + 1);
      if (next & LETTER) {
        i += 1 + (next & WIDE ? 2 : 1);
        for (; i < length; i += next & WIDE ? 2 : 1) {
          const d = text.charCodeAt(i);
          next = d < 128 ? table[d] : unicodeClassAt(text, i);
          if (!(next & LETTER)) break;
        }
      }
    }
    starts[count] = start;
    ends[count++] = i;
  }
  return count;
}
