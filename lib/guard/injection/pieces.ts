// Pieces inside the lines of content an agent reads: table cells, code comments and string
// literals. An instruction slipped into a cell or a comment shares its line with data or code, whose
// words would dilute it; scored alone (besides its line) it reads as what it is. Ordinary cells and
// comments are as benign as the lines they sit in, and training sees them as such.

const MIN_PIECE_CHARS = 20;
const MAX_PIECES = 60;
// A comment opener after the start of code on the line: "x = 1  # …", "f(); // …", "<!-- … -->".
// (Normalised text has no "*": block comments read as their lines.)
const COMMENT = /(?:^|[ \t;)}\]])(?:#|\/\/|<!--) /g;
// A double-quoted string on a line of code (an assignment or call before it).
const CODE_STRING = /[=(,;:[{] ?"([^"\n]{20,400})"/g;

/** [start, end) ranges of the pieces inside the given line ranges of `text` (see segmentRanges). */
export function pieceRanges(text: string, lines: [number, number][]): [number, number][] {
  const pieces: [number, number][] = [];
  const push = (from: number, to: number) => {
    while (from < to && text.charCodeAt(from) <= 32) from++;
    while (to > from && text.charCodeAt(to - 1) <= 32) to--;
    if (to - from >= MIN_PIECE_CHARS && pieces.length < MAX_PIECES && text.slice(from, to).includes(" ")) pieces.push([from, to]);
  };
  for (const [from, to] of lines) {
    if (pieces.length >= MAX_PIECES) break;
    const line = text.slice(from, to);
    const bars = line.split("|").length - 1;
    if (bars >= 2) {
      let cell = from;
      for (let i = from; i <= to; i++) {
        if (i === to || text.charCodeAt(i) === 124) {
          // A cell that is the whole line is the line itself.
          if (cell > from || i < to) push(cell, i);
          cell = i + 1;
        }
      }
      continue;
    }
    COMMENT.lastIndex = 0;
    const comment = COMMENT.exec(line);
    if (comment && comment.index > 0) {
      const bodyStart = from + comment.index + comment[0].length;
      let bodyEnd = to;
      const close = comment[0].includes("<!--") ? line.indexOf("-->", bodyStart - from) : -1;
      if (close >= 0) bodyEnd = from + close;
      push(bodyStart, bodyEnd);
    }
    CODE_STRING.lastIndex = 0;
    for (let found = CODE_STRING.exec(line); found !== null; found = CODE_STRING.exec(line)) {
      const start = from + found.index + found[0].indexOf('"') + 1;
      push(start, start + found[1].length);
    }
  }
  return pieces;
}

/** The pieces of `text` as strings (training reads them so). */
export function splitPieces(text: string, lines: [number, number][]): string[] {
  return pieceRanges(text, lines).map(([from, to]) => text.slice(from, to));
}
