import { detectEmails, detectPhones } from "./detect-contacts";
import { detectCards, detectIbans } from "./detect-payment-data";
import { detectSecrets } from "./detect-secrets";
import { detectToolCalls } from "./detect-tool-calls";
import { overlaps, type Finding, type FindingKind } from "./finding";

// The output check of the guard: the agent's answer or outgoing message, before it is sent.
// Pure and synchronous; the switches come from the resolved policy's screening.output.

export type { Finding, FindingKind } from "./finding";

export type ScreenOutputOptions = {
  secrets: boolean;
  cards: boolean;
  iban: boolean;
  emails: boolean;
  phones: boolean;
  // Defaults to on when allowedTools is given: naming the scope is asking for it to be enforced.
  outOfScopeActions?: boolean;
  // Tool names and "*" patterns of the agent's scope; absent with outOfScopeActions on, none is allowed.
  allowedTools?: string[];
};

export type OutputReason = { code: "sensitive_output" | "out_of_scope"; message: string };
export type OutputScreening = { verdict: "allow" | "deny"; reasons: OutputReason[]; findings: Finding[] };

const labels: Record<FindingKind, [singular: string, plural: string]> = {
  private_key: ["a private key", "private keys"],
  aws_access_key: ["an AWS access key", "AWS access keys"],
  github_token: ["a GitHub token", "GitHub tokens"],
  gitlab_token: ["a GitLab token", "GitLab tokens"],
  slack_token: ["a Slack token or webhook", "Slack tokens or webhooks"],
  stripe_key: ["a Stripe secret key", "Stripe secret keys"],
  anthropic_key: ["an Anthropic API key", "Anthropic API keys"],
  openai_key: ["an OpenAI API key", "OpenAI API keys"],
  google_api_key: ["a Google API key", "Google API keys"],
  jwt: ["a JSON Web Token", "JSON Web Tokens"],
  generic_secret: ["a secret assigned in the text", "secrets assigned in the text"],
  card: ["a payment card number", "payment card numbers"],
  iban: ["an IBAN", "IBANs"],
  email: ["an email address", "email addresses"],
  phone: ["a phone number", "phone numbers"],
  tool_call: ["a tool call", "tool calls"],
};

// Most specific first: a digit run inside an API key is not a phone number, an IBAN's digits not a card.
type Detector = { enabled: (options: ScreenOutputOptions) => boolean; detect: (text: string) => Finding[] };
const sensitiveDetectors: Detector[] = [
  { enabled: (options) => options.secrets, detect: detectSecrets },
  { enabled: (options) => options.iban, detect: detectIbans },
  { enabled: (options) => options.cards, detect: detectCards },
  { enabled: (options) => options.emails, detect: detectEmails },
  { enabled: (options) => options.phones, detect: detectPhones },
];

function sensitiveReasons(findings: Finding[]): OutputReason[] {
  const byKind = new Map<FindingKind, Finding[]>();
  for (const finding of findings) byKind.set(finding.kind, [...(byKind.get(finding.kind) ?? []), finding]);
  return [...byKind].map(([kind, found]) => {
    const [singular, plural] = labels[kind];
    const what = found.length === 1 ? singular : `${found.length} ${plural}`;
    // Only the redacted forms ever reach a message.
    return { code: "sensitive_output", message: `The output contains ${what} (${found.map((finding) => finding.match).join(", ")})` };
  });
}

function scopeReasons(findings: Finding[]): OutputReason[] {
  const names = [...new Set(findings.map((finding) => finding.match))];
  return names.map((name) => ({
    code: "out_of_scope",
    message: name.startsWith("<")
      ? `The output contains tool-call markup (${name}) naming no tool in the agent's scope`
      : `The output tries to trigger "${name}", which is outside the agent's scope`,
  }));
}

export function screenOutput(text: string, options: ScreenOutputOptions): OutputScreening {
  const sensitive: Finding[] = [];
  for (const detector of sensitiveDetectors) {
    if (!detector.enabled(options)) continue;
    for (const finding of detector.detect(text)) if (!overlaps(finding, sensitive)) sensitive.push(finding);
  }
  const checkScope = options.outOfScopeActions ?? options.allowedTools !== undefined;
  const outOfScope = checkScope ? detectToolCalls(text, options.allowedTools) : [];

  const reasons = [...sensitiveReasons(sensitive), ...scopeReasons(outOfScope)];
  return {
    verdict: reasons.length > 0 ? "deny" : "allow",
    reasons,
    findings: [...sensitive, ...outOfScope].sort((a, b) => a.index - b.index),
  };
}
