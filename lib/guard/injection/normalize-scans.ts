// Single-pass scans of normalize.ts's canonical form: the leetspeak mapping and the spacing collapse,
// each equivalent to the regex replacements they stand for (lib/guard/injection/fast-paths.test.ts) but
// visiting only what can change and returning an unchanged text as it is (no copy per pass).

const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s" };
// A leetspeak word mixes letters with leet digits/symbols, e.g. "1gn0r3" or "pr0mpt" (not "mp3",
// "covid19" or "2024"). The candidates are the matches of LEET_CANDIDATE, /[a-z0-9@$]{3,64}/g, that
// hold a LEET_SHAPE pair, /[013457@$][a-z@$]/.

// What \s matches (String.prototype.trim removes the same), and the markup characters read as spacing.
const SPACING = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]);
const MARKUP = new Set([0x2a, 0x5f, 0x7e, 0x60, 0x5e]); // * _ ~ ` ^
const isSpacing = (code: number) =>
  code === 0x20 || (code < 0x80 ? SPACING.has(code) || MARKUP.has(code) : SPACING.has(code) || (code >= 0x2000 && code <= 0x200a));

/**
 * In one pass, what these steps give: markup runs (/[*_~`^]+/) become a space, runs of spacing other
 * than line breaks one space, a line break with the spacing around it one line break (/ ?\n\s*\/), and
 * the ends are trimmed. So each maximal run of spacing and markup becomes "\n" if it holds a line
 * break, else " ", and "" at either end. An unchanged text is returned as it is.
 */
export function collapseSpacing(text: string): string {
  let out = "";
  let copied = 0;
  const length = text.length;
  for (let i = 0; i < length; ) {
    if (!isSpacing(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    let lineBreak = false;
    for (; end < length; end++) {
      const code = text.charCodeAt(end);
      if (!isSpacing(code)) break;
      if (code === 0x0a) lineBreak = true;
    }
    const replacement = i === 0 || end === length ? "" : lineBreak ? "\n" : " ";
    if (end - i !== 1 || replacement !== text[i]) {
      out += text.slice(copied, i) + replacement;
      copied = end;
    }
    i = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

// What LEET_CANDIDATE matches are made of, and the pair of characters LEET_SHAPE looks for.
const isCandidateChar = (code: number) => (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 64 || code === 36;
const LEET_PAIR = /[013457@$][a-z@$]/g;
const LEET_WORD_MAX = 64;

/**
 * `text` with the leet characters of each LEET_CANDIDATE match mapped to letters, where the match has
 * LEET_SHAPE and is not part of an e-mail address. Equivalent to replacing every LEET_CANDIDATE match
 * in a callback, but only the candidates around a LEET_SHAPE pair are visited (a text has a few, and
 * hundreds of words), and an unchanged text is returned as it is.
 */
export function unleet(text: string, onLeet: () => void): string {
  let out = "";
  let copied = 0;
  LEET_PAIR.lastIndex = 0;
  for (let pair = LEET_PAIR.exec(text); pair !== null; pair = LEET_PAIR.exec(text)) {
    const at = pair.index;
    // The candidate holding the pair: runs of candidate characters are matched in chunks of at most
    // LEET_WORD_MAX characters from their start, and a chunk of fewer than 3 is not matched.
    let runStart = at;
    while (runStart > 0 && isCandidateChar(text.charCodeAt(runStart - 1))) runStart--;
    let runEnd = at + 2;
    while (runEnd < text.length && isCandidateChar(text.charCodeAt(runEnd))) runEnd++;
    const start = runStart + Math.floor((at - runStart) / LEET_WORD_MAX) * LEET_WORD_MAX;
    const end = Math.min(runEnd, start + LEET_WORD_MAX);
    if (at + 2 > end) {
      // The pair straddles two chunks: look for another pair from its second character.
      LEET_PAIR.lastIndex = at + 1;
      continue;
    }
    LEET_PAIR.lastIndex = end;
    if (end - start < 3) continue;
    const word = text.slice(start, end);
    // An e-mail address ("billing@example.com") is not leetspeak.
    if (word.includes("@") && text[end] === ".") continue;
    const mapped = word.replace(/[013457@$]/g, (ch) => LEET[ch] ?? ch);
    if (mapped === word) continue;
    onLeet();
    out += text.slice(copied, start) + mapped;
    copied = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

