// Text normalisation for the prompt-injection detector: folds the tricks attackers use to slip
// past patterns (homoglyphs, zero-width characters, letter spacing, leetspeak, encoded payloads)
// so that rules and the model see one canonical, lowercase form.

import { collapseSpacing, unleet } from "./normalize-scans";

// Very long inputs are scanned as a head and a tail window: injections sit at the start (a
// jailbreak preamble) or the end (an appended instruction) far more often than in the middle, and a
// bounded scan keeps the detector's cost flat.
export const SCAN_HEAD_CHARS = 4000;
export const SCAN_TAIL_CHARS = 1000;

export type NormalizedText = {
  /** Canonical lowercase form, spacing collapsed, line breaks kept (rules and the model read this). */
  text: string;
  /** Plain text recovered from encoded payloads (base64, hex, URL-encoding, ROT13), normalised. */
  decoded: string[];
  signals: { invisibleChars: number; confusables: number; spacedLetters: number; leet: number };
};

const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/g;

// Homoglyphs NFKC leaves alone: Cyrillic and Greek letters that render like Latin ones, plus a few
// IPA/small-capital look-alikes. Fullwidth and mathematical alphanumerics are already folded by NFKC.
const CONFUSABLES: Record<string, string> = {
  а: "a", в: "b", е: "e", ё: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y",
  х: "x", ѕ: "s", і: "i", ї: "i", ј: "j", ԁ: "d", ԛ: "q", ԝ: "w", һ: "h", ӏ: "l", ɡ: "g", ɑ: "a",
  А: "A", В: "B", Е: "E", К: "K", М: "M", Н: "H", О: "O", Р: "P", С: "C", Т: "T", У: "Y", Х: "X",
  Ѕ: "S", І: "I", Ј: "J", α: "a", β: "b", ε: "e", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t",
  υ: "u", χ: "x", γ: "y", ω: "w", Α: "A", Β: "B", Ε: "E", Ζ: "Z", Η: "H", Ι: "I", Κ: "K", Μ: "M",
  Ν: "N", Ο: "O", Ρ: "P", Τ: "T", Υ: "Y", Χ: "X", ᴀ: "a", ʙ: "b", ᴄ: "c", ᴅ: "d", ᴇ: "e", ɢ: "g",
  ʜ: "h", ɪ: "i", ᴊ: "j", ᴋ: "k", ʟ: "l", ᴍ: "m", ɴ: "n", ᴏ: "o", ᴘ: "p", ʀ: "r", ꜱ: "s", ᴛ: "t",
  ᴜ: "u", ᴠ: "v", ᴡ: "w", ʏ: "y", ᴢ: "z",
};
const CONFUSABLE_CHARS = new RegExp(`[${Object.keys(CONFUSABLES).join("")}]`, "g");

// A pair no leetspeak word lacks: the cheap test before unleet (normalize-scans.ts) looks at words.
const LEET_SHAPE = /[013457@$][a-z@$]/;
const NON_ASCII = /[^\x00-\x7F]/;
// Three or more single letters separated by one spacer: "i g n o r e", "s.y.s.t.e.m".
const SPACED_LETTERS = /(?<![a-z0-9])[a-z](?:[ .\-_*|/][a-z]){2,}(?![a-z0-9])/g;
const COMBINING_MARKS = /\p{M}+/gu;
const LETTER = /\p{L}/u;

const HEX_RUN = /\b(?:[0-9a-fA-F]{2}[ :]?){10,}/g;
// Base64 runs are found by a scanner (base64Runs): the regex it stands for tries every position of
// every word and cost more than the rest of the normalisation.
const BASE64_CHAR = new Uint8Array(128);
for (let code = 0; code < 128; code++) BASE64_CHAR[code] = /[A-Za-z0-9+/_-]/.test(String.fromCharCode(code)) ? 1 : 0;
const isBase64Char = (text: string, i: number) => {
  const code = text.charCodeAt(i);
  return code < 128 && BASE64_CHAR[code] === 1;
};
const URL_ENCODED_RUN = /(?:%[0-9a-fA-F]{2}[^\s%]{0,3}){4,}/g;
// ROT13 forms of words no benign text spells: ignore, instructions, previous, system prompt.
const ROT13_MARKERS = /\b(?:vtaber|vafgehpgvbaf?|cerivbhf|flfgrz cebzcg|wnvyoernx)\b/i;
const MAX_DECODED_PAYLOADS = 8;
const MAX_DECODED_CHARS = 2048;

/**
 * `message`: the text is one message read whole (a user's), so a sentence written one word per line is
 * joined (see joinWordLines). Documents keep their lines: each line is a segment scored on its own, and
 * joining a README's or an email's short lines cost the tool channel recall and false positives.
 */
export function normalizeText(input: string, { message = false }: { message?: boolean } = {}): NormalizedText {
  const scanned = scanWindow(input);
  let invisibleChars = 0;
  let confusables = 0;
  let spacedLetters = 0;
  let leet = 0;

  let folded = scanned;
  // Plain ASCII (most texts), and ASCII with common punctuation such as dashes and quotes, have
  // nothing to fold: the Unicode steps are skipped.
  if (!onlyInert(folded)) {
    folded = folded.normalize("NFKC").replace(INVISIBLE, () => {
      invisibleChars++;
      return "";
    });
    folded = folded.replace(CONFUSABLE_CHARS, (ch) => {
      confusables++;
      return CONFUSABLES[ch] ?? ch;
    });
    // Strip accents ("ïgnörë") only when something is left to strip: NFKD is the costly step.
    if (NON_ASCII.test(folded)) {
      folded = folded.normalize("NFKD");
      if (hasMark(folded)) folded = folded.replace(COMBINING_MARKS, "");
    }
  }

  const decoded = decodePayloads(scanned);
  const canonicalText = canonical(folded, {
    onSpaced: () => spacedLetters++,
    onLeet: () => leet++,
  });
  const text = message ? joinWordLines(canonicalText) : canonicalText;

  return { text, decoded, signals: { invisibleChars, confusables, spacedLetters, leet } };
}

/**
 * The head and tail windows of `input`, each with its padding floods collapsed first (see
 * collapseFloods): a flood cannot push an instruction out of the window.
 */
export function scanWindow(input: string): string {
  if (input.length <= SCAN_HEAD_CHARS + SCAN_TAIL_CHARS && !mayFlood(input)) return input;
  const head = collapseFloods(input, 0, SCAN_HEAD_CHARS);
  if (head.next >= input.length) return head.text;
  // The tail: the shortest raw suffix (doubling, bounded) whose collapsed form fills the tail window.
  let from = Math.max(head.next, input.length - SCAN_TAIL_CHARS);
  let tail = collapseFloods(input, from, Infinity).text;
  while (tail.length < SCAN_TAIL_CHARS && from > head.next && input.length - from < MAX_FLOOD_SCAN) {
    from = Math.max(head.next, input.length - 2 * (input.length - from));
    tail = collapseFloods(input, from, Infinity).text;
  }
  if (tail.length > SCAN_TAIL_CHARS) tail = tail.slice(tail.length - SCAN_TAIL_CHARS);
  return from === head.next ? head.text + tail : `${head.text}\n${tail}`;
}

// A padding flood: a run of one character, or of a unit of up to FLOOD_MAX_PERIOD characters ("] ",
// "ö "), at least FLOOD_CHARS long. Separator lines (a 79-character "====…" banner) are shorter. A
// flood becomes FLOOD_MARKER in the text (spacing and separator runs are only shortened).
export const FLOOD_MARKER = "[padding flood]";
const FLOOD_CHARS = 128;
const FLOOD_MAX_PERIOD = 3;
const MAX_FLOOD_SCAN = 65_536;

// Floods are found by sampling every FLOOD_STRIDE-th character (a run of FLOOD_CHARS holds at least
// two samples) and growing a run only around a sample that repeats the character `period` before it.
const FLOOD_STRIDE = 61;

/** The first padding flood [start, end) with a sample at or after `from`, clamped to start at `from`; null if none. */
function nextFlood(input: string, from: number): [number, number] | null {
  for (let i = from + FLOOD_MAX_PERIOD; i < input.length; i += FLOOD_STRIDE) {
    const code = input.charCodeAt(i);
    for (let period = 1; period <= FLOOD_MAX_PERIOD; period++) {
      if (code !== input.charCodeAt(i - period)) continue;
      let start = i;
      while (start - period - 1 >= from && input.charCodeAt(start - 1) === input.charCodeAt(start - 1 - period)) start--;
      start -= period;
      let end = i + 1;
      while (end < input.length && input.charCodeAt(end) === input.charCodeAt(end - period)) end++;
      if (end - start >= FLOOD_CHARS) return [start, end];
    }
  }
  return null;
}

// Runs of spacing and of separator characters pad tables and rule lines in ordinary documents (a wide
// markdown column): they are shortened, not marked.
const LAYOUT_RUN = /^[\s\-=_|.:+]+$/;

function floodReplacement(input: string, [start, end]: [number, number]): string {
  const unit = input.slice(start, start + FLOOD_MAX_PERIOD);
  return LAYOUT_RUN.test(input.slice(start, start + 2 * FLOOD_MAX_PERIOD)) ? unit : ` ${FLOOD_MARKER} `;
}

function mayFlood(input: string): boolean {
  return input.length >= FLOOD_CHARS && nextFlood(input, 0) !== null;
}

/**
 * `input` from `from` with each padding flood replaced (see floodReplacement), until
 * the output reaches `maxOut` characters; `next` is where reading stopped.
 */
export function collapseFloods(input: string, from: number, maxOut: number): { text: string; next: number } {
  let out = "";
  let at = from;
  while (out.length < maxOut) {
    const flood = nextFlood(input, at);
    if (flood === null || flood[0] - at >= maxOut - out.length) break;
    out += input.slice(at, flood[0]) + floodReplacement(input, flood);
    at = flood[1];
  }
  const end = Math.min(input.length, at + Math.max(0, maxOut - out.length));
  return { text: out + input.slice(at, end), next: end };
}

function canonical(folded: string, counters: { onSpaced: () => void; onLeet: () => void }): string {
  let text = folded.toLowerCase();
  text = text.replace(SPACED_LETTERS, (run) => {
    counters.onSpaced();
    return run.replace(/[ .\-_*|/]/g, "");
  });
  if (LEET_SHAPE.test(text)) text = unleet(text, counters.onLeet);
  return collapseSpacing(text);
}

// Six or more lines in a row holding one word each, in a message: a sentence written a word per line
// ("from\nnow\non\n…") so that rules written with spaces miss it. The run becomes one line; a list of
// single words becomes a line of words, which is how the message's n-grams read it anyway.
const WORD_LINES = /(?<![^\n])(?:\S{1,30}\n){5,}\S{1,30}(?![^\n])/g;
const MIN_WORD_LINES = 6;

function joinWordLines(text: string): string {
  let breaks = 0;
  for (let at = text.indexOf("\n"); at !== -1 && breaks < MIN_WORD_LINES - 1; at = text.indexOf("\n", at + 1)) breaks++;
  if (breaks < MIN_WORD_LINES - 1) return text;
  return text.replace(WORD_LINES, (run) => run.replaceAll("\n", " "));
}

/** Plain text hidden in encoded runs, so rules can read what the model would read after decoding. */
export function decodePayloads(text: string): string[] {
  const found: string[] = [];
  const add = (plain: string | null) => {
    if (plain && found.length < MAX_DECODED_PAYLOADS) {
      found.push(canonical(plain.normalize("NFKC"), { onSpaced: () => {}, onLeet: () => {} }));
    }
  };
  for (const run of base64Runs(text)) add(decodeBase64(run));
  for (const run of text.match(HEX_RUN) ?? []) add(decodeHex(run));
  for (const run of text.match(URL_ENCODED_RUN) ?? []) add(decodeUrl(run));
  if (ROT13_MARKERS.test(text)) add(rot13(text));
  return found;
}

/** The matches of /[A-Za-z0-9+/_-]{20,}={0,2}/g: maximal runs of 20+ base64 characters and their padding. */
export function base64Runs(text: string): string[] {
  const runs: string[] = [];
  for (let i = 0; i < text.length; ) {
    if (!isBase64Char(text, i)) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && isBase64Char(text, end)) end++;
    if (end - i >= 20) {
      const runEnd = end;
      while (end < text.length && end < runEnd + 2 && text.charCodeAt(end) === 61) end++;
      runs.push(text.slice(i, end));
    }
    i = end;
  }
  return runs;
}

// Non-ASCII characters that every folding step leaves alone: Latin-1 and General Punctuation
// characters and currency signs (dashes, quotes, °, €…) that NFKC and NFKD keep as they are and that
// are neither invisible, confusable nor marks. Text made of ASCII and these is already folded: such
// characters never decompose, reorder (combining class 0) or compose (they are not the second
// character of any composition), so normalising the text changes nothing.
const INERT_RANGES: [number, number][] = [[0xa1, 0xff], [0x2010, 0x2027], [0x2030, 0x205e], [0x20a0, 0x20c0]];
const inertMemo = new Uint8Array(0x2100); // 0 unknown, 1 inert, 2 not
const NON_ASCII_ALL = /[^\x00-\x7F]/g;

function isInert(code: number): boolean {
  if (code >= inertMemo.length) return false;
  if (inertMemo[code] === 0) {
    const ch = String.fromCharCode(code);
    const inert =
      INERT_RANGES.some(([from, to]) => code >= from && code <= to) &&
      ch.normalize("NFKC") === ch &&
      ch.normalize("NFKD") === ch &&
      !new RegExp(INVISIBLE.source).test(ch) &&
      !new RegExp(CONFUSABLE_CHARS.source).test(ch) &&
      !/\p{M}/u.test(ch);
    inertMemo[code] = inert ? 1 : 2;
  }
  return inertMemo[code] === 1;
}

function onlyInert(text: string): boolean {
  NON_ASCII_ALL.lastIndex = 0;
  for (let found = NON_ASCII_ALL.exec(text); found !== null; found = NON_ASCII_ALL.exec(text)) {
    if (!isInert(text.charCodeAt(found.index))) return false;
  }
  return true;
}

// Whether a UTF-16 code unit is a combining mark (\p{M}), memoised; surrogates count as possible marks.
const MARK_UNKNOWN = 0;
const MARK_NO = 1;
const MARK_YES = 2;
const markMemo = new Uint8Array(0x10000);
const MARK = /\p{M}/u;

function hasMark(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x300) continue;
    let known = markMemo[code];
    if (known === MARK_UNKNOWN) {
      const surrogate = code >= 0xd800 && code <= 0xdfff;
      known = surrogate || MARK.test(String.fromCharCode(code)) ? MARK_YES : MARK_NO;
      markMemo[code] = known;
    }
    if (known === MARK_YES) return true;
  }
  return false;
}

function decodeBase64(whole: string): string | null {
  // Identifiers and hashes are base64-shaped too: require a mix of cases and decoded prose.
  if (!/[a-z]/.test(whole) || !/[A-Z]/.test(whole)) return null;
  // A payload's head says what it is; decoding a huge blob whole would cost more than it tells.
  const run = whole.length > MAX_DECODED_CHARS ? whole.slice(0, MAX_DECODED_CHARS) : whole;
  try {
    const standard = run.replace(/-/g, "+").replace(/_/g, "/");
    const padded = standard + "=".repeat((4 - (standard.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (ch) => ch.charCodeAt(0));
    return readableOrNull(new TextDecoder("utf-8", { fatal: false }).decode(bytes));
  } catch {
    return null;
  }
}

function decodeHex(run: string): string | null {
  const digits = run.replace(/[ :]/g, "").slice(0, MAX_DECODED_CHARS);
  let out = "";
  for (let i = 0; i + 1 < digits.length; i += 2) out += String.fromCharCode(parseInt(digits.slice(i, i + 2), 16));
  return readableOrNull(out);
}

function decodeUrl(run: string): string | null {
  try {
    return readableOrNull(decodeURIComponent(run));
  } catch {
    return null;
  }
}

export function rot13(text: string): string {
  return text.replace(/[a-zA-Z]/g, (ch) => {
    const base = ch <= "Z" ? 65 : 97;
    return String.fromCharCode(((ch.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** Decoded bytes count only if they read as words: mostly printable, with letters and spaces. */
function readableOrNull(plain: string): string | null {
  if (plain.length < 8) return null;
  let printable = 0;
  let letters = 0;
  let spaces = 0;
  let length = 0;
  for (const ch of plain) {
    length++;
    const code = ch.codePointAt(0) ?? 0;
    if (code === 32) spaces++;
    if ((code >= 32 && code < 127) || code === 10 || code >= 160) printable++;
    if (code < 128 ? (code | 32) >= 97 && (code | 32) <= 122 : LETTER.test(ch)) letters++;
  }
  if (printable / length < 0.9 || letters / length < 0.5 || spaces === 0) return null;
  return plain;
}
