// What every output detector reports. `match` is always redacted: findings end up in reason messages,
// the decision log and the UI, none of which may hold the secret or personal data they flag.

export type SecretKind =
  | "private_key"
  | "aws_access_key"
  | "github_token"
  | "gitlab_token"
  | "slack_token"
  | "stripe_key"
  | "anthropic_key"
  | "openai_key"
  | "google_api_key"
  | "jwt"
  | "generic_secret";
export type FindingKind = SecretKind | "card" | "iban" | "email" | "phone" | "tool_call";

export type Finding = { kind: FindingKind; match: string; index: number; length: number };

// Last four characters only, like a card receipt; short values show nothing.
export const lastFour = (value: string) => (value.length > 8 ? `…${value.slice(-4)}` : "…");

export const overlaps = (finding: Finding, taken: readonly Finding[]) =>
  taken.some((other) => finding.index < other.index + other.length && other.index < finding.index + finding.length);

// Runs a global regex over text, letting the caller turn each match into a finding or reject it.
// After a rejected match the scan resumes one character later, so a valid value hidden inside a
// longer invalid candidate (a card number after an order number) is still found.
export function scan(text: string, pattern: RegExp, inspect: (match: RegExpExecArray) => Finding | undefined): Finding[] {
  const findings: Finding[] = [];
  const regex = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text)) !== null) {
    const finding = inspect(match);
    if (finding) {
      findings.push(finding);
      // Resume where the finding ends, which may be before the end of a pattern that ran on.
      regex.lastIndex = Math.max(finding.index + finding.length, match.index + 1);
    } else regex.lastIndex = match.index + 1;
  }
  return findings;
}
