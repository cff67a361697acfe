// Segments of normalised text: lines and, for long lines, sentences. Content an agent reads is
// scored per segment (see features.ts), since an injected instruction is one line among many.

// Lines longer than this are split on sentences; a document yields at most MAX_SEGMENTS segments.
const MAX_SEGMENT_CHARS = 400;
const MAX_SEGMENTS = 120;

/**
 * Lines and, for long lines, sentences of normalised text. Tool and retrieved content is scored per
 * segment: an instruction slipped into an email is one line among many benign ones.
 */
export function splitSegments(text: string): string[] {
  return segmentRanges(text).map(([from, to]) => text.slice(from, to));
}

// What String.prototype.trim() removes, so segments match the trimmed lines of the training data.
const SPACE_CODES = new Set([0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]);
const isSpace = (code: number) =>
  code === 32 || (code >= 9 && code <= 13) || (code >= 0x85 && ((code >= 0x2000 && code <= 0x200a) || SPACE_CODES.has(code)));

// A sentence end: . ! ? before a character isSpace accepts.
const SENTENCE_END = /[.!?](?=[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff])/g;

/** [start, end) offsets of the segments of `text`, at most MAX_SEGMENTS. */
export function segmentRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const pushTrimmed = (from: number, to: number) => {
    while (from < to && isSpace(text.charCodeAt(from))) from++;
    while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
    if (to > from && ranges.length < MAX_SEGMENTS) ranges.push([from, to]);
  };
  let lineStart = 0;
  while (lineStart <= text.length && ranges.length < MAX_SEGMENTS) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    let from = lineStart;
    let to = lineEnd;
    while (from < to && isSpace(text.charCodeAt(from))) from++;
    while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
    if (to - from <= MAX_SEGMENT_CHARS) pushTrimmed(from, to);
    else {
      // Sentences: split after . ! ? followed by whitespace.
      let sentence = from;
      SENTENCE_END.lastIndex = from;
      for (let found = SENTENCE_END.exec(text); found !== null && found.index + 1 < to; found = SENTENCE_END.exec(text)) {
        let i = found.index + 1;
        pushTrimmed(sentence, i);
        while (i < to && isSpace(text.charCodeAt(i))) i++;
        sentence = i;
        SENTENCE_END.lastIndex = i;
      }
      pushTrimmed(sentence, to);
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return ranges;
}
