import { describe, expect, it } from "vitest";
import { passesLuhn, passesMod97 } from "./detect-payment-data";
import { screenOutput, type ScreenOutputOptions } from "./screen-output";

const all: ScreenOutputOptions = { secrets: true, cards: true, iban: true, emails: true, phones: true, outOfScopeActions: false };
const only = (check: keyof ScreenOutputOptions): ScreenOutputOptions => ({ ...all, secrets: false, cards: false, iban: false, emails: false, phones: false, [check]: true });
const kinds = (text: string, options = all) => screenOutput(text, options).findings.map((finding) => finding.kind);
const matches = (text: string, options = all) => screenOutput(text, options).findings.map((finding) => finding.match);

// Built from parts so that the fixtures do not themselves look like leaked credentials.
const jwt = [
  Buffer.from('{"alg":"HS256","typ":"JWT"}').toString("base64url"),
  Buffer.from('{"sub":"1234567890","name":"Jane"}').toString("base64url"),
  "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
].join(".");
const secrets: [string, string][] = [
  ["aws_access_key", "AKIA" + "IOSFODNN7EXAMPLE"],
  ["github_token", "ghp_" + "a1B2c3D4e5".repeat(4).slice(0, 36)],
  ["github_token", "github_pat_" + "11ABCDEFG0" + "x_Yz".repeat(10)],
  ["gitlab_token", "glpat-" + "Ab3dE-fG7hIj_kLm9nOp"],
  ["slack_token", "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOp"],
  ["stripe_key", "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"],
  ["anthropic_key", "sk-ant-api03-" + "Ab1-Cd2_Ef3Gh4Ij5Kl6Mn7Op8"],
  ["openai_key", "sk-proj-" + "T3BlbkFJ1a2b3c4d5e6f7g8h9i0j"],
  ["google_api_key", "AIza" + "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"],
  ["jwt", jwt],
  ["generic_secret", "Zx8kQ2mN4pL7vR1tY6wB"],
];

describe("screenOutput: secrets", () => {
  it.each(secrets)("finds %s and never repeats it", (kind, secret) => {
    const text = kind === "generic_secret" ? `config: api_key = "${secret}"` : `Here you go: ${secret} — keep it safe.`;
    const result = screenOutput(text, only("secrets"));
    expect(result.verdict).toBe("deny");
    expect(result.findings.map((finding) => finding.kind)).toEqual([kind]);
    expect(result.reasons[0].code).toBe("sensitive_output");
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(result.findings[0].match).toContain(secret.slice(-4));
  });

  it("finds a PEM private key and shows none of it", () => {
    const pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n-----END RSA PRIVATE KEY-----";
    const result = screenOutput(`key:\n${pem}\n`, only("secrets"));
    expect(result.findings).toEqual([{ kind: "private_key", match: "PRIVATE KEY block", index: 5, length: pem.length }]);
    expect(JSON.stringify(result)).not.toContain("MIIE");
  });

  it("passes placeholders, words, public keys and ordinary prose", () => {
    for (const text of [
      "Set api_key=YOUR_API_KEY_HERE in the file",
      'password: "correcthorsebattery"',
      "token = <insert-token-here>",
      "The ask-anything-you-like-here feature",
      "sk-this-is-not-a-real-key-at-all",
      "Publishable key pk_live_4eC39HqLyjWDarjtT1zdp7dc is safe to share",
      "The secret of a good refund: listen first.",
      "eyJhbGciOi.notajwt.atall",
    ]) {
      expect(kinds(text, only("secrets")), text).toEqual([]);
    }
  });
});

describe("screenOutput: cards", () => {
  it("checks Luhn", () => {
    expect(passesLuhn("4111111111111111")).toBe(true);
    expect(passesLuhn("4111111111111112")).toBe(false);
  });

  it("finds Luhn-valid numbers of the card networks, grouped or not, showing the last four", () => {
    expect(matches("Card 4111 1111 1111 1111 was charged", only("cards"))).toEqual(["…1111"]);
    expect(matches("MC 5500-0000-0000-0004, Amex 378282246310005", only("cards"))).toEqual(["…0004", "…0005"]);
    expect(matches("Order 1234 then card 4012 8888 8888 1881", only("cards"))).toEqual(["…1881"]);
  });

  it("passes numbers that fail Luhn, ids outside the networks and mixed grouping", () => {
    expect(kinds("Card 4111 1111 1111 1112", only("cards"))).toEqual([]);
    expect(kinds("Tracking 9400111899223100001234", only("cards"))).toEqual([]);
    expect(passesLuhn("8000000000000003")).toBe(true);
    expect(kinds("Account 8000000000000003", only("cards"))).toEqual([]);
    expect(kinds("4111 1111-1111 1111", only("cards"))).toEqual([]);
    expect(kinds("Total 4111111111111111.50 EUR", only("cards"))).toEqual([]);
  });
});

describe("screenOutput: IBAN", () => {
  it("checks mod-97", () => {
    expect(passesMod97("DE89370400440532013000")).toBe(true);
    expect(passesMod97("DE89370400440532013001")).toBe(false);
  });

  it("finds valid IBANs however they are grouped, back to back too", () => {
    expect(matches("Pay to DE89 3704 0044 0532 0130 00 today", only("iban"))).toEqual(["DE…3000"]);
    expect(matches("GB82WEST12345698765432 and fr14 2004 1010 0505 0001 3M02 606.", only("iban"))).toEqual(["GB…5432", "FR…2606"]);
    expect(matches("IBANS DE89 3704 0044 0532 0130 00 GB82 WEST 1234 5698 7654 32", only("iban"))).toEqual(["DE…3000", "GB…5432"]);
  });

  it("passes wrong check digits, wrong lengths and unknown countries", () => {
    expect(kinds("DE89 3704 0044 0532 0130 01", only("iban"))).toEqual([]);
    expect(kinds("DE89 3704 0044 0532 0130 0012", only("iban"))).toEqual([]);
    expect(kinds("ZZ89 3704 0044 0532 0130 00", only("iban"))).toEqual([]);
  });
});

describe("screenOutput: emails and phones", () => {
  it("finds email addresses, showing only the first letter and the domain", () => {
    expect(matches("Write to jane.doe+claims@example.co.uk or ops@acme.io.", only("emails"))).toEqual(["j***@example.co.uk", "o***@acme.io"]);
    expect(kinds("Mention @jane, or user@localhost, or a@b", only("emails"))).toEqual([]);
  });

  it.each([
    "Call me at +44 20 7946 0958.",
    "Reach us on +1 (415) 555-2671",
    "Mobile: +33612345678",
    "Office (415) 555-2671",
    "Number: 415-555-2671",
    "415.555.2671 is our line",
    "Berlin office 030 12345678",
    "Handy 0171 1234567",
    "appelez le 06 12 34 56 78",
    "Tel. 0044 20 7946 0958",
    "Phone: 07700900123",
    "phone number: 555-234-5678 (ask for Sam)",
  ])("finds the phone number in %j", (text) => {
    expect(kinds(text, only("phones"))).toEqual(["phone"]);
  });

  it.each([
    "Order #555-123-4567 has shipped",
    "order number 555-234-5678",
    "Call about order 555-234-5678",
    "Your ticket: 415-555-2671",
    "Invoice 0171 1234567",
    "Due 2024-01-15, paid 15.01.2024, sent 01/15/2024",
    "Booked for 06/12/2024 10:30",
    "Refund of $1,234,567.89",
    "Montant : 1 234 567,89 €",
    "EUR 555 234 5678",
    "Reference 4155552671",
    "ID 1234567890 and 00123456789",
    "Server 192.168.100.200, version 1.2.3",
    "123-456-7890",
    "ISBN 978-3-16-148410-0",
  ])("passes %j", (text) => {
    expect(kinds(text, only("phones"))).toEqual([]);
  });

  it("keeps only the phone when a number follows it", () => {
    expect(matches("Ring 415-555-2671 2 times", only("phones"))).toEqual(["…2671"]);
  });
});

describe("screenOutput: out-of-scope actions", () => {
  const scoped: ScreenOutputOptions = { secrets: false, cards: false, iban: false, emails: false, phones: false, allowedTools: ["tickets.reply", "kb.*"] };
  const flagged = (text: string) => screenOutput(text, scoped).findings.map((finding) => finding.match);

  it.each([
    ['{"tool": "admin.delete_user", "params": {"id": 7}}', "admin.delete_user"],
    ['{"name": "refunds_issue", "arguments": "{\\"amount\\": 900}"}', "refunds_issue"],
    ["Now run admin.reset_password for every user", "admin.reset_password"],
    ["Please execute the `wire_transfer` tool", "wire_transfer"],
    ["refunds.issue(amount=900)", "refunds.issue"],
    ['<invoke name="users.grant_role">', "users.grant_role"],
    ['{"recipient_name": "functions.payouts.send"}', "payouts.send"],
  ])("flags %j", (text, name) => {
    const result = screenOutput(text, scoped);
    expect(result.verdict).toBe("deny");
    expect(flagged(text)).toContain(name);
    expect(result.reasons[0]).toEqual({ code: "out_of_scope", message: `The output tries to trigger "${name}", which is outside the agent's scope` });
  });

  it("flags tool-call markup that names nothing readable", () => {
    expect(screenOutput("<tool_call>do it</tool_call>", scoped).reasons[0].message).toBe(
      "The output contains tool-call markup (<tool_call>) naming no tool in the agent's scope",
    );
  });

  it("quotes long tool-call markup without cutting a character in half", () => {
    const [reason] = screenOutput(`<tool_call id="${"x".repeat(24)}😀😀😀">do it</tool_call>`, scoped).reasons;
    expect(reason.message.isWellFormed()).toBe(true);
    expect(reason.message).toContain(`(<tool_call id="${"x".repeat(24)}) naming`);
  });

  it.each([
    '{"tool": "tickets.reply", "params": {"text": "hi"}}',
    "I will call kb.search(query) next",
    '<tool_call>{"name": "kb.lookup", "arguments": {}}</tool_call>',
    'Customer record: {"name": "Jane Doe", "city": "Paris"}',
    '{"name": "delete_everything"}',
    "Please run the report and call the customer back (today).",
    "See the guide (section 3) e.g.(this) and i.e. that.",
  ])("passes %j", (text) => {
    expect(screenOutput(text, scoped)).toEqual({ verdict: "allow", reasons: [], findings: [] });
  });

  it("checks scope only when asked, and allows no tool when the scope is not given", () => {
    expect(kinds("run admin.reset_password", all)).toEqual([]);
    expect(kinds("run admin.reset_password", { ...all, outOfScopeActions: true })).toEqual(["tool_call"]);
  });
});

describe("screenOutput", () => {
  it("reports each finding once, the most specific kind first, grouped in the reasons", () => {
    const text = `Key ${"AKIA" + "IOSFODNN7EXAMPLE"}; cards 4111 1111 1111 1111 and 5500 0000 0000 0004; IBAN DE89370400440532013000.`;
    const result = screenOutput(text, all);
    expect(result.findings.map((finding) => finding.kind)).toEqual(["aws_access_key", "card", "card", "iban"]);
    expect(result.reasons).toEqual([
      { code: "sensitive_output", message: "The output contains an AWS access key (…MPLE)" },
      { code: "sensitive_output", message: "The output contains an IBAN (DE…3000)" },
      { code: "sensitive_output", message: "The output contains 2 payment card numbers (…1111, …0004)" },
    ]);
  });

  it("allows clean text and respects switches that are off", () => {
    expect(screenOutput("Your refund of $42.00 for order #1234 is on its way.", { ...all, outOfScopeActions: true, allowedTools: [] })).toEqual({
      verdict: "allow",
      reasons: [],
      findings: [],
    });
    expect(screenOutput("Write to jane@example.com", { ...all, emails: false }).verdict).toBe("allow");
  });
});
