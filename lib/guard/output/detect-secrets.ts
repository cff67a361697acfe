import { lastFour, scan, type Finding, type SecretKind } from "./finding";

// Provider formats first (cheap, precise), then the generic "name = value" assignment judged by
// entropy. Boundaries use lookarounds rather than \b because many keys end in "-" or "_".

type SecretRule = { kind: SecretKind; pattern: RegExp; accept?: (value: string) => boolean };

const START = "(?<![A-Za-z0-9_-])";
const END = "(?![A-Za-z0-9_-])";
const rule = (kind: SecretKind, body: string, accept?: SecretRule["accept"]): SecretRule => ({
  kind,
  pattern: new RegExp(`${START}(?:${body})${END}`, "g"),
  accept,
});

const hasLettersAndDigits = (value: string) => /[A-Za-z]/.test(value) && /\d/.test(value);

// A JWT's first segment is base64url JSON naming its algorithm; prose never decodes that way.
const isJwt = (token: string) => {
  try {
    const header = JSON.parse(Buffer.from(token.slice(0, token.indexOf(".")), "base64url").toString("utf8"));
    return typeof header === "object" && header !== null && "alg" in header;
  } catch {
    return false;
  }
};

const secretRules: SecretRule[] = [
  rule("aws_access_key", "(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}"),
  rule("github_token", "gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255}"),
  rule("gitlab_token", "gl(?:pat|dt|rt|ptt|ft|cbt|soat)-[A-Za-z0-9_-]{20,}"),
  rule("slack_token", "xox[abposr]-[A-Za-z0-9-]{10,}|https://hooks\\.slack\\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+"),
  rule("stripe_key", "(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{24,}"),
  // Anthropic before OpenAI: both start with "sk-".
  rule("anthropic_key", "sk-ant-(?:api|admin|oat|sid)\\d{2}-[A-Za-z0-9_-]{20,}"),
  rule("openai_key", "sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}", (value) => hasLettersAndDigits(value.slice(3))),
  rule("google_api_key", "AIza[0-9A-Za-z_-]{35}"),
  rule("jwt", "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}", isJwt),
];

const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,20000}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)?/g;

// `api_key = "…"`, `"client_secret": "…"`, `PASSWORD=…`, `Authorization: Bearer …`.
const ASSIGNMENT =
  /(?<![A-Za-z0-9])([A-Za-z0-9_.-]{0,40}?(?:api[_.-]?key|apikey|secret|token|passw(?:or)?d|pwd|access[_.-]?key|credentials?|auth(?:orization)?)[A-Za-z0-9_.-]{0,40})["']?\s*(?::|=|=>)\s*["']?(?:Bearer\s+|Basic\s+)?([^\s"'`,;<>]{12,512})/dgi;

const PLACEHOLDER = /^(?:<.*>|\{.*\}|\$\{?\w+\}?|x+|\*+|\.+|your|example|changeme|placeholder|redacted|dummy|sample|test|none|null|undefined)|your[_-]|_here$|xxxx|\*\*\*/i;

// Bits per character: random keys sit near log2(alphabet) ≈ 5–6, words and identifiers well below 3.5.
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const share = count / value.length;
    entropy -= share * Math.log2(share);
  }
  return entropy;
}

const characterClasses = (value: string) => [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length;

export const looksRandom = (value: string) =>
  value.length >= 12 && !PLACEHOLDER.test(value) && characterClasses(value) >= 2 && shannonEntropy(value) >= 3.5 && !/^https?:\/\//i.test(value);

export function detectSecrets(text: string): Finding[] {
  const findings: Finding[] = scan(text, PRIVATE_KEY, (match) => ({ kind: "private_key", match: "PRIVATE KEY block", index: match.index, length: match[0].length }));
  for (const { kind, pattern, accept } of secretRules) {
    findings.push(
      ...scan(text, pattern, (match) =>
        accept && !accept(match[0]) ? undefined : { kind, match: lastFour(match[0]), index: match.index, length: match[0].length },
      ),
    );
  }
  findings.push(
    ...scan(text, ASSIGNMENT, (match) => {
      const value = match[2];
      const [start, end] = match.indices![2];
      // Provider rules already named this value, or it reads like a placeholder or a word.
      if (findings.some((finding) => start < finding.index + finding.length && finding.index < end) || !looksRandom(value)) return undefined;
      return { kind: "generic_secret", match: `${match[1]}=${lastFour(value)}`, index: start, length: end - start };
    }),
  );
  return findings;
}
