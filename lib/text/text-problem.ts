// Characters no PostgreSQL text or jsonb value can hold: U+0000 (refused by text and jsonb alike) and
// an unpaired UTF-16 surrogate (not Unicode; jsonb refuses its \ud800 escape, and text would silently
// get U+FFFD instead). Input carrying them can never be stored as sent.

export type TextProblem = "nul" | "unpaired_surrogate";

export function textProblem(text: string): TextProblem | null {
  if (text.indexOf("\u0000") !== -1) return "nul";
  return text.isWellFormed() ? null : "unpaired_surrogate";
}

export const describeTextProblem = (problem: TextProblem) =>
  problem === "nul" ? "a NUL character (U+0000)" : "an unpaired UTF-16 surrogate (half of a character: a \\ud800–\\udfff escape without its pair)";
