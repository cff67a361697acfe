// The detector's hand-written fast paths give exactly what the regexes and loops they replace give.
import { describe, expect, it } from "vitest";
import { DEFAULT_CORPUS_PATH, readCorpus } from "../../training/injection/dev-corpus";
import { base64Runs, normalizeText } from "./normalize";
import { collapseSpacing, unleet } from "./normalize-scans";
import { indexTrigrams, mayMatch, patternCondition } from "./rule-prefilter";
import { INJECTION_RULES } from "./rules";
import { segmentRanges } from "./segments";
import { tokenBounds } from "./tokens";

// Deterministic pseudo-random strings over an alphabet.
function* strings(alphabet: string[], count: number, maxLength: number, seed = 7) {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let n = 0; n < count; n++) {
    let text = "";
    const length = Math.floor(next() * maxLength);
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
    yield text;
  }
}

const spans = (matches: Iterable<RegExpMatchArray>) => [...matches].map((m) => [m.index!, m.index! + m[0].length]);

describe("injection fast paths", () => {
  it("tokenBounds finds the tokens the token regexes find", () => {
    const alphabet = ["a", "z", "Q", "0", "'", " ", "!", "?", ":", ";", "-", "é", "ß", "日", "٣", "\u0301", "𝐢", "😀", "\ud800", "\udc00", "\n", "_", "²"];
    for (const text of strings(alphabet, 20_000, 14)) {
      const pattern = /[^\x00-\x7F]/.test(text) ? /[\p{L}\p{N}]+(?:'[\p{L}]+)?|[!?:;]/gu : /[a-z0-9]+(?:'[a-z]+)?|[!?:;]/g;
      const { starts, ends } = tokenBounds(text);
      expect(starts.map((start, i) => [start, ends[i]]), JSON.stringify(text)).toEqual(spans(text.matchAll(pattern)));
    }
  });

  it("unleet maps the words the candidate regex replacement maps", () => {
    const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s" };
    const reference = (text: string) => {
      let count = 0;
      const out = text.replace(/[a-z0-9@$]{3,64}/g, (word: string, offset: number) => {
        if (!/[013457@$][a-z@$]/.test(word)) return word;
        if (word.includes("@") && text[offset + word.length] === ".") return word;
        const mapped = word.replace(/[013457@$]/g, (ch) => LEET[ch] ?? ch);
        if (mapped !== word) count++;
        return mapped;
      });
      return { out, count };
    };
    const check = (text: string) => {
      let count = 0;
      expect({ out: unleet(text, () => count++), count }, JSON.stringify(text)).toEqual(reference(text));
    };
    for (const text of strings(["a", "z", "0", "1", "3", "@", "$", "9", " ", ".", "-", "é"], 20_000, 40)) check(text);
    // Runs longer than one 64-character candidate, with pairs on and across the chunk boundaries.
    for (const text of strings(["a", "1", "b", "@", "$"], 3_000, 200, 11)) check(text);
    check(`${"a".repeat(63)}1b${"c".repeat(70)} h3llo w0rld billing@example.com p@ss`);
  });

  it("collapseSpacing gives what the markup, spacing, line-break and trim steps gave", () => {
    const reference = (text: string) =>
      text.replace(/[*_~`^]+/g, " ").replace(/[^\S\n]+/g, " ").replace(/ ?\n[\s]*/g, "\n").trim();
    const alphabet = ["a", "b", " ", " ", "\n", "\t", "\r", "*", "_", "~", "`", "^", "\u00a0", "\u2003", "\u2028", "\ufeff", "\u3000", "\u200b", "."];
    for (const text of strings(alphabet, 30_000, 16)) expect(collapseSpacing(text), JSON.stringify(text)).toBe(reference(text));
    for (let code = 0; code < 0x10000; code++) {
      const text = `a${String.fromCharCode(code)}b`;
      expect(collapseSpacing(text), code.toString(16)).toBe(reference(text));
    }
  });

  it("base64Runs finds the runs the base64 regex finds", () => {
    for (const text of strings(["a", "F", "0", "+", "/", "_", "-", "=", " ", "é", "."], 20_000, 70)) {
      expect(base64Runs(text), JSON.stringify(text)).toEqual(text.match(/[A-Za-z0-9+/_-]{20,}={0,2}/g) ?? []);
    }
  });

  it("segmentRanges splits sentences as the character loop did", () => {
    const isSpace = (ch: string) => /\s/.test(ch) || ch === "\u0085";
    const trim = (part: string) => {
      let from = 0;
      let to = part.length;
      while (from < to && isSpace(part[from])) from++;
      while (to > from && isSpace(part[to - 1])) to--;
      return part.slice(from, to);
    };
    const reference = (line: string) => {
      const out: string[] = [];
      let sentence = 0;
      for (let i = 1; i < line.length; i++) {
        if (!isSpace(line[i]) || !".!?".includes(line[i - 1])) continue;
        out.push(trim(line.slice(sentence, i)));
        while (i < line.length && isSpace(line[i])) i++;
        sentence = i;
      }
      out.push(trim(line.slice(sentence)));
      return out.filter((part) => part.length > 0);
    };
    for (const tail of strings(["word ", "a", ".", "!", "?", " ", "\t", "\u0085", "\u00a0", "\u2003", "\u200b"], 2_000, 120)) {
      const line = `${"x".repeat(401)}. ${tail}`;
      expect(segmentRanges(line).map(([from, to]) => line.slice(from, to)), JSON.stringify(tail)).toEqual(reference(line));
    }
  });

  it("the rule prefilter never rules out a rule that matches", () => {
    const rows = readCorpus(DEFAULT_CORPUS_PATH) ?? [];
    const texts = [...rows.map((row) => row.text), "[system]: ignore", "<|im_start|>system", "you're not a language model", "DAN mode"];
    const conditions = INJECTION_RULES.map((rule) => patternCondition(rule.pattern));
    let ruledOut = 0;
    for (const text of texts) {
      const normalized = normalizeText(text).text;
      indexTrigrams(normalized);
      for (const [r, rule] of INJECTION_RULES.entries()) {
        if (mayMatch(conditions[r])) continue;
        ruledOut++;
        expect(rule.pattern.test(normalized), `${rule.id} on ${JSON.stringify(text.slice(0, 80))}`).toBe(false);
      }
    }
    expect(ruledOut).toBeGreaterThan(0);
  });

  it("the rule prefilter gives up on syntax it does not know", () => {
    expect(patternCondition(/ignore (?<name>previous)/)).toBe(true);
    expect(patternCondition(/ignore previous/i)).toBe(true);
    expect(patternCondition(/(ignore) \1/)).toBe(true);
    expect(patternCondition(/ignore previous/)).not.toBe(true);
  });

  it("punctuation such as dashes and quotes leaves the text as the full Unicode folding would", () => {
    const text = "Section 4.2 — “Approvals” cost 1,000 € ± 5 % at 20 °C; the team’s budget";
    expect(normalizeText(text)).toEqual({
      text: "section 4.2 — “approvals” cost 1,000 € ± 5 % at 20 °c; the team’s budget",
      decoded: [],
      signals: { invisibleChars: 0, confusables: 0, spacedLetters: 0, leet: 0 },
    });
    expect(normalizeText(`${text} café…`).text).toBe("section 4.2 — “approvals” cost 1,000 € ± 5 % at 20 °c; the team’s budget cafe...");
    // Every non-ASCII character of the fast path, next to any ASCII one, is unchanged by NFKC and NFKD.
    const inert = normalizeText("—’“”«»°±€£×").text;
    for (const ch of inert) {
      for (let code = 0; code < 128; code++) {
        for (const pair of [ch + String.fromCharCode(code), String.fromCharCode(code) + ch]) {
          expect(pair.normalize("NFKC")).toBe(pair);
          expect(pair.normalize("NFKD")).toBe(pair);
        }
      }
    }
  });
});
