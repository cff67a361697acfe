import type { CreateVersionInput, PromoteInput } from "../versions/schemas";

// The demo fleet's release histories (issue 11), created through createVersion / promoteVersion at seed
// time so the timeline and the audit log are the real ones. The simulated agents fetch the served
// bundle per session (lib/simulator/config-client.ts) and behave by it: the model on their model calls,
// the prompt they send, and the claims agent's decisions by its knowledge-base version.
//
// - claims-agent: v1 → v2 (prompt tweak) → v3 (model swap, tool configuration) → v4 (knowledge base
//   "claims guidelines 2026-03"), each put in production in turn, so v4 is live and v1–v3 are the
//   production history a rollback goes back to. v4's guidelines raise the approval rate from about
//   85% to about 91% (the drift story).
// - support-agent: v1 → v2 in production; v3 (a prompt tweak that writes longer answers, a little
//   dearer per task) as a 10% canary.
// - refund-agent, procurement-agent: v1 in production.

export type DemoStep = { create: CreateVersionInput } | { promote: string; to: PromoteInput };

const CLAIMS_PROMPT_V1 = `You are the claims adjudication agent of Northwind Insurance. For each claim: read the claim file,
look up the policy with policy.lookup, check coverage, exclusions and limits, then call exactly one of
claim.approve, claim.reject, claim.request_documents or claim.escalate. Approve at most the claimed amount
minus the deductible. Escalate anything above 10,000 EUR or where fraud indicators are present.
Explain the decision to the claims handler in two or three sentences.`;

const CLAIMS_PROMPT_V2 = `${CLAIMS_PROMPT_V1}
Name the policy clause (section and paragraph) your decision relies on, so the handler can check it.`;

const claimsTools = (policyLookupTimeoutMs: number, retries: number) => [
  { name: "policy.lookup", config: { timeoutMs: policyLookupTimeoutMs, retries } },
  { name: "claim.approve", config: { currency: "EUR", maxPayout: 10_000 } },
  { name: "claim.reject", config: { letterTemplate: "rejection-v2" } },
  { name: "claim.request_documents", config: { dueInDays: 14 } },
  { name: "claim.escalate", config: { queue: "senior-adjusters" } },
];

export const CLAIMS_GUIDELINES = "claims-guidelines";

const claimsAgent: DemoStep[] = [
  {
    create: {
      prompt: CLAIMS_PROMPT_V1,
      model: "claude-sonnet-4-5",
      params: { temperature: 0.2, maxOutputTokens: 800 },
      knowledgeBase: { id: CLAIMS_GUIDELINES, version: "2025-11" },
      tools: claimsTools(5000, 0),
      message: "First release: adjudicates home and motor claims against the claims guidelines 2025-11",
    },
  },
  { promote: "v1", to: { stage: "staging" } },
  { promote: "v1", to: { stage: "production", reason: "Demo history: the claims agent's first production release" } },
  {
    create: {
      prompt: CLAIMS_PROMPT_V2,
      model: "claude-sonnet-4-5",
      params: { temperature: 0.2, maxOutputTokens: 800 },
      knowledgeBase: { id: CLAIMS_GUIDELINES, version: "2025-11" },
      tools: claimsTools(5000, 0),
      message: "Prompt tweak: the explanation names the policy clause the decision relies on (handlers asked for it)",
    },
  },
  { promote: "v2", to: { stage: "staging" } },
  { promote: "v2", to: { stage: "production", reason: "Demo history: clause references in every decision" } },
  {
    create: {
      prompt: CLAIMS_PROMPT_V2,
      model: "gpt-4.1",
      params: { temperature: 0.1, maxOutputTokens: 800 },
      knowledgeBase: { id: CLAIMS_GUIDELINES, version: "2025-11" },
      tools: claimsTools(3000, 1),
      message: "Model swap claude-sonnet-4-5 → gpt-4.1 (same decisions on the regression set, cheaper); tool config: policy.lookup times out after 3 s and retries once",
    },
  },
  { promote: "v3", to: { stage: "staging" } },
  { promote: "v3", to: { stage: "production", reason: "Demo history: the model swap to gpt-4.1" } },
  {
    create: {
      prompt: CLAIMS_PROMPT_V2,
      model: "gpt-4.1",
      params: { temperature: 0.1, maxOutputTokens: 800 },
      knowledgeBase: { id: CLAIMS_GUIDELINES, version: "2026-03" },
      tools: claimsTools(3000, 1),
      message: "Knowledge base update: claims guidelines 2026-03 (was 2025-11): wear-and-tear and storm clauses rewritten, fewer claims need extra documents",
    },
  },
  { promote: "v4", to: { stage: "staging" } },
  { promote: "v4", to: { stage: "production", reason: "Claims guidelines 2026-03 are in force" } },
];

const SUPPORT_PROMPT_V1 = `You are the support agent of Fabrikam Cloud. Classify each email (category, priority,
sentiment), search the knowledge base, and answer with email.send in a friendly, precise tone. Escalate
with ticket.escalate anything legal, security-related or an outage. Never promise refunds or credits.`;

const SUPPORT_PROMPT_V3 = `${SUPPORT_PROMPT_V1}
End every answer with a short numbered summary of the steps and a link to the knowledge-base article.`;

const supportTools = [
  { name: "inbox.read" },
  { name: "email.send", config: { from: "support@fabrikam.example", signature: "Fabrikam Support" } },
  { name: "ticket.escalate", config: { teams: ["privacy-office", "sre-on-call", "security"] } },
];
const supportKnowledgeBase = { id: "support-kb", version: "2026-02" };
// The triage classifier is part of the bundle too; a share of triage falls back to the self-hosted
// model (unpriced in the price table, which the costs page must show as such).
const supportParams = { temperature: 0.4, classifierModel: "gpt-5-nano", fallbackClassifierModel: "llama-3.3-70b-instruct", fallbackShare: 0.25 };

const supportAgent: DemoStep[] = [
  {
    create: { prompt: SUPPORT_PROMPT_V1, model: "gpt-4.1", params: supportParams, knowledgeBase: supportKnowledgeBase, tools: supportTools, message: "First release: email triage and answers from the support knowledge base" },
  },
  { promote: "v1", to: { stage: "staging" } },
  { promote: "v1", to: { stage: "production", reason: "Demo history: the support agent's first production release" } },
  {
    create: { prompt: SUPPORT_PROMPT_V1, model: "claude-haiku-4-5", params: supportParams, knowledgeBase: supportKnowledgeBase, tools: supportTools, message: "Model swap gpt-4.1 → claude-haiku-4-5 for the answers (tone scored as well in review, at half the cost)" },
  },
  { promote: "v2", to: { stage: "staging" } },
  { promote: "v2", to: { stage: "production", reason: "Demo history: cheaper answers" } },
  {
    create: { prompt: SUPPORT_PROMPT_V3, model: "claude-haiku-4-5", params: supportParams, knowledgeBase: supportKnowledgeBase, tools: supportTools, message: "Prompt tweak: answers end with a numbered summary of the steps and the article's link" },
  },
  { promote: "v3", to: { stage: "staging" } },
  { promote: "v3", to: { stage: "canary", canaryPercent: 10, reason: "Canary: do customers reply less often after a summarised answer?" } },
];

const refundAgent: DemoStep[] = [
  {
    create: {
      prompt: `You are the refund agent of Contoso Retail. Look up the order with orders.lookup. Refund with
refunds.issue only when the order was delivered less than 30 days ago and the amount is at most 500 EUR;
above that, hand the case to the payments team with refunds.escalate. Never refund more than was paid.
Reply to the customer politely in one short paragraph.`,
      model: "gpt-4o-mini",
      params: { temperature: 0.2 },
      knowledgeBase: { id: "refund-policy", version: "2025-09" },
      tools: [{ name: "orders.lookup" }, { name: "refunds.issue", config: { maxAmount: 500, currency: "EUR" } }, { name: "refunds.escalate" }, { name: "refunds.status" }],
      message: "First release: refunds within the 30-day window up to 500 EUR",
    },
  },
  { promote: "v1", to: { stage: "staging" } },
  { promote: "v1", to: { stage: "production", reason: "Demo history: the refund agent's first production release" } },
];

const procurementAgent: DemoStep[] = [
  {
    create: {
      prompt: `You are the procurement agent of Woodgrove Manufacturing. Find approved vendors with
vendor.lookup, compare their quotes, and raise a purchase order with purchase.create for the cheapest
approved vendor that can deliver within 10 days. Stay within the requesting department's budget.`,
      model: "gemini-2.5-flash",
      // The quarterly vendor review reads whole document batches: a long-context model.
      params: { temperature: 0.2, reviewModel: "claude-opus-4-1" },
      knowledgeBase: { id: "approved-vendors", version: "2026-Q1" },
      tools: [{ name: "vendor.lookup" }, { name: "budget.check" }, { name: "purchase.create", config: { currency: "EUR", erp: "sap-s4" } }],
      message: "First release: purchase orders with approved vendors",
    },
  },
  { promote: "v1", to: { stage: "staging" } },
  { promote: "v1", to: { stage: "production", reason: "Demo history: the procurement agent's first production release" } },
];

export const demoVersionPlans: Record<string, DemoStep[]> = {
  "claims-agent": claimsAgent,
  "support-agent": supportAgent,
  "refund-agent": refundAgent,
  "procurement-agent": procurementAgent,
};

// A label's bundle as the plan creates it (labels follow the order of the create steps).
export function plannedBundle(agent: string, label: string): CreateVersionInput {
  const created = (demoVersionPlans[agent] ?? []).flatMap((step) => ("create" in step ? [step.create] : []));
  const bundle = created[Number(label.slice(1)) - 1];
  if (!bundle) throw new Error(`The demo plan has no ${label} for ${agent}`);
  return bundle;
}
