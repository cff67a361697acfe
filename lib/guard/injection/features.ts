// Feature extraction shared by the detector and the training script: hashed word uni/bi-grams,
// hashed character 4-grams, rule hits and a few obfuscation signals, as a sparse vector.

import type { NormalizedText } from "./normalize";
import { matchRules, type RuleHit } from "./rules";

export const HASH_BITS = 18;
const HASH_MASK = (1 << HASH_BITS) - 1;
// Segments shorter than this carry too little to score alone; longer ones are split on sentences.
const MAX_SEGMENT_CHARS = 400;
const MAX_SEGMENTS = 120;

export type SparseVector = { indices: number[]; values: number[] };
export type Extracted = { vector: SparseVector; hits: RuleHit[] };

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a, 32-bit, continued from `hash` over `text` (streaming, so grams need no concatenation). */
function fnv(hash: number, text: string, start = 0, end = text.length): number {
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/** Index of a named feature in the hash space. */
export function hashFeature(name: string): number {
  return (fnv(FNV_OFFSET, name) >>> 0) & HASH_MASK;
}

const WORD_SEED = fnv(FNV_OFFSET, "w:");
const BIGRAM_SEED = fnv(FNV_OFFSET, "b:");
const FIRST_SEED = fnv(FNV_OFFSET, "f:");
const CHAR_SEED = fnv(FNV_OFFSET, "c:");
const SPACE = " ".charCodeAt(0);
const mask = (hash: number) => (hash >>> 0) & HASH_MASK;

const TASK_VERB_START = /^(?:please )?(?:write|compose|draft|explain|describe|provide|give|list|create|generate|translate|summari[sz]e|tell|suggest|recommend|outline|compare|discuss|calculate|solve|define|identify|classify|rewrite|replace|use|add|include|insert|append|encode|convert|answer|respond|reply|modify|scramble|spell|reverse|teach|share|offer|design|develop|plan|analy[sz]e|evaluate|predict|mention|express|promote|encourage|output|print|ignore|forget|pretend|act|imagine|send|forward)\b/;
const QUESTION = /^(?:what|how|why|who|when|where|which|can you|could you|would you|do you|is there|are there)\b[^\n]{0,200}\?$/;
const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}]+)?|[!?:;]/gu;

/**
 * Features of one piece of normalised text. N-grams are binary and scaled to unit length so that a
 * long text does not out-vote a short one by volume; rule hits and signals keep their own scale.
 */
export function extractFeatures(
  text: string,
  decoded: string[],
  signals: NormalizedText["signals"] | null,
  indirect: boolean,
): Extracted {
  const seen = new Set<number>();
  const scanned = decoded.length > 0 ? `${text}\n${decoded.join("\n")}` : text;

  const tokens = scanned.match(TOKEN) ?? [];
  let secondPerson = 0;
  let previous = "^";
  for (const token of tokens) {
    if (token === "you" || token === "your" || token === "yourself") secondPerson++;
    seen.add(mask(fnv(WORD_SEED, token)));
    seen.add(mask(fnv(Math.imul(fnv(BIGRAM_SEED, previous) ^ SPACE, 0x01000193), token)));
    previous = token;
    // Character 4-grams of " word " catch misspellings and fragments the word grams miss.
    if (token.length >= 4) {
      const padded = ` ${token} `;
      for (let i = 0; i + 4 <= padded.length && i < 24; i++) seen.add(mask(fnv(CHAR_SEED, padded, i, i + 4)));
    }
  }
  const first = tokens[0];
  if (first) seen.add(mask(fnv(FIRST_SEED, first)));

  const indices: number[] = [];
  const values: number[] = [];
  const gramValue = seen.size > 0 ? 1 / Math.sqrt(seen.size) : 0;
  for (const index of seen) {
    indices.push(index);
    values.push(gramValue);
  }

  const hits = matchRules(scanned, indirect);
  for (const hit of hits) {
    indices.push(hashFeature(`r:${hit.rule.id}`));
    values.push(1);
  }
  const push = (name: string, value: number) => {
    if (value === 0) return;
    indices.push(hashFeature(name));
    values.push(value);
  };
  push("d:second-person", tokens.length > 0 ? Math.min(1, (secondPerson / tokens.length) * 10) : 0);
  if (signals) {
    push("d:invisible", Math.min(1, signals.invisibleChars / 3));
    push("d:confusables", Math.min(1, signals.confusables / 3));
    push("d:spaced-letters", Math.min(1, signals.spacedLetters / 2));
    push("d:leet", Math.min(1, signals.leet / 3));
  }
  push("d:decoded-payload", decoded.length > 0 ? 1 : 0);
  if (indirect) {
    // The shape of a request addressed to the reader: a line that opens with a task verb or asks
    // a question. Common in prompts, rarer in the documents an agent reads.
    push("d:task-verb-start", TASK_VERB_START.test(scanned) ? 1 : 0);
    push("d:question", QUESTION.test(scanned) ? 1 : 0);
  }
  return { vector: { indices, values }, hits };
}

/**
 * Lines and, for long lines, sentences of normalised text. Tool and retrieved content is scored per
 * segment: an instruction slipped into an email is one line among many benign ones.
 */
export function splitSegments(text: string): string[] {
  const segments: string[] = [];
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed.length === 0) continue;
    if (trimmed.length <= MAX_SEGMENT_CHARS) segments.push(trimmed);
    else for (const sentence of trimmed.split(/(?<=[.!?])\s+/)) if (sentence.trim()) segments.push(sentence.trim());
    if (segments.length >= MAX_SEGMENTS) break;
  }
  return segments.slice(0, MAX_SEGMENTS);
}
