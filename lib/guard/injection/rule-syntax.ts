// The shape of an injection rule and the regex building blocks rules are written with (rules.ts,
// rules-hijack.ts). Rules run on normalised text: lowercase ASCII, spacing collapsed.

export type RuleCategory =
  | "override" // "ignore previous instructions", "new instructions:"
  | "persona" // role/persona hijack: "you are now X", "stay in character"
  | "jailbreak" // named jailbreak families: DAN, developer mode, unfiltered twins
  | "exfiltration" // system-prompt or secret extraction
  | "embedded" // instructions in tool/retrieved content addressed to the assistant
  | "obfuscation"; // encoded or disguised payloads

export type InjectionRule = {
  id: string;
  category: RuleCategory;
  weight: number;
  critical?: boolean;
  /** Only for content the agent reads (tool results, retrieved documents), not for user messages. */
  indirectOnly?: boolean;
  description: string;
  pattern: RegExp;
};

// Normalised text is ASCII-folded, so ASCII classes (without the slower unicode mode) suffice.
export const SEP = "[^a-z0-9]+";
export const WORD = "[a-z0-9'’]+";
/** Up to `n` arbitrary words between two phrases. */
export const gap = (n: number) => `(?:${SEP}${WORD}){0,${n}}${SEP}`;
export const rule = (source: string) => new RegExp(source);
// Start of a line or sentence. Not `^` alone: a sentence is a segment of its own when a document is
// scored per segment, and a rule that matches a segment must also match the whole text.
export const LINE_START = "(?:^|\\n|[.!?] )";
