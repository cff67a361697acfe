import { z } from "../zod";
import { timestamp } from "../http/schemas";

// Inputs of the policies tab and its API. The document itself is checked by the guard's own schema
// (lib/policies/document-schema.ts) in validate-document.ts, so the editor, the API and the guard agree.

const note = z.string().trim().max(2000, "At most 2000 characters");
const reason = z.string().trim().min(3, "Give a reason of at least 3 characters").max(2000, "At most 2000 characters");
// The version the caller edited; null when it wrote a scope that had no policy yet.
const baseVersion = z.number({ error: "Send the version you edited (a number), or null for a new scope" }).int().min(1).nullable();
// A JSON object, or its text (the editor sends what was typed; a syntax error is reported like any other).
const documentInput = z.union([z.string().max(500_000, "The document is larger than 500 KB"), z.record(z.string(), z.unknown())], {
  error: "Send the policy document as a JSON object",
});

export const savePolicySchema = z.object({ document: documentInput, baseVersion, note: note.default("") });
export type SavePolicyInput = z.input<typeof savePolicySchema>;

export const deletePolicySchema = z.object({ reason, baseVersion: baseVersion.optional() });

export const restorePolicySchema = z.object({
  version: z.number({ error: "Send the version to restore (a number)" }).int().min(1),
  baseVersion: z.number({ error: "Send the current version you are replacing (a number)" }).int().min(1),
  note: note.default(""),
});

const scopeName = z
  .string()
  .trim()
  .max(120, "At most 120 characters")
  .regex(/^([\w][\w.:/-]*)?$/, "A name such as claims-intake or claim.approve (letters, digits, . _ - : /)")
  .default("");

export const proposePolicySchema = z.object({
  workflow: scopeName,
  decisionType: scopeName,
  document: documentInput,
  // Optional: when sent, it must still be the scope's current version (null: the scope has no policy).
  baseVersion: baseVersion.optional(),
  note: z.string().trim().min(3, "Say why (at least 3 characters): the note becomes the version's note").max(2000, "At most 2000 characters"),
});
export type ProposePolicyInput = z.input<typeof proposePolicySchema>;

// An admin may edit the proposal before approving it (re-basing it on the current version).
export const approveProposalSchema = z.object({
  note: note.default(""),
  document: documentInput.optional(),
  baseVersion: baseVersion.optional(),
});

export const rejectProposalSchema = z.object({ reason });

export const listProposalsQuerySchema = z.object({
  status: z.enum(["pending", "approved", "rejected", "withdrawn", "all"]).default("all"),
});

// Responses. A document is the policy as written (lib/policies/document-schema.ts describes it).
const personSchema = z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable();
const scopeFields = { scopeKey: z.string(), scopeLabel: z.string(), workflow: z.string(), decisionType: z.string() };
export const policyViewSchema = z.object({
  id: z.string(),
  ...scopeFields,
  version: z.number(),
  document: z.unknown(),
  updatedAt: timestamp,
  updatedBy: personSchema,
});
const policyVersionSchema = z.object({ version: z.number(), document: z.unknown(), note: z.string(), createdAt: timestamp, createdBy: personSchema });
export const proposalViewSchema = z.object({
  id: z.string(),
  ...scopeFields,
  document: z.unknown(),
  baseVersion: z.number().nullable(),
  currentVersion: z.number().nullable(),
  stale: z.boolean(),
  status: z.enum(["pending", "approved", "rejected", "withdrawn"]),
  note: z.string(),
  proposedAt: timestamp,
  proposedBy: personSchema,
  decidedAt: timestamp.nullable(),
  decidedBy: personSchema,
  decisionNote: z.string().nullable(),
});
export const policyListResponseSchema = z.object({ policies: z.array(policyViewSchema) });
export const policyWithVersionsResponseSchema = z.object({ policy: policyViewSchema, versions: z.array(policyVersionSchema) });
export const policyVersionsResponseSchema = z.object({ versions: z.array(policyVersionSchema) });
export const deletedPolicyResponseSchema = z.object({ deleted: z.literal(true), scopeKey: z.string(), version: z.number(), rejectedProposals: z.number() });
export const proposalResponseSchema = z.object({ proposal: proposalViewSchema });
export const proposalListResponseSchema = z.object({ proposals: z.array(proposalViewSchema) });

// POST /api/v1/agents/{slug}/policies/backtest: a draft replayed against the agent's stored guard requests.
const verdict = z.enum(["allow", "deny", "hold"]);
export const backtestPolicySchema = z.object({
  document: documentInput,
  // The scope the draft would replace, as in the policy URLs: agent, workflow:<name>, decisionType:<name>, both joined by +.
  scope: z.string().trim().max(300, "At most 300 characters").default("agent"),
  from: z.iso.datetime({ offset: true, error: "Use an ISO 8601 time such as 2026-11-01T00:00:00Z" }).optional(),
  to: z.iso.datetime({ offset: true, error: "Use an ISO 8601 time such as 2026-11-01T00:00:00Z" }).optional(),
});
export type BacktestPolicyInput = z.input<typeof backtestPolicySchema>;

export const backtestKeptReasons = ["budget", "loop", "paused", "undecided", "screening", "incomplete"] as const;
export const backtestResponseSchema = z.object({
  scope: z.string(),
  from: timestamp,
  to: timestamp,
  replayed: z.number().int().describe("Stored decisions of the range that went through the backtest (kept ones included), at most 50,000, oldest first"),
  leftOut: z.number().int().describe("Decisions of the range beyond the cap (the newest ones), not replayed"),
  changed: z.array(z.object({ from: verdict, to: verdict, count: z.number().int() })).describe("Per (stored → draft) verdict pair that differs, most first"),
  unchanged: z.array(z.object({ verdict, count: z.number().int() })).describe("Decisions whose verdict stays, kept ones included"),
  kept: z
    .array(z.object({ reason: z.enum(backtestKeptReasons), count: z.number().int() }))
    .describe("Decisions kept as recorded because what decided them is state (budgets, loop counters, pause, an outage) or text that is not stored"),
  examples: z.array(
    z.object({
      decisionId: z.string(),
      at: timestamp,
      traceId: z.string().nullable().describe("The trace the decision gated, if the agent sent one"),
      sessionId: z.string(),
      check: z.string(),
      tool: z.string().nullable().describe("The action's tool (action checks)"),
      amount: z.number().nullable().describe("The action's amount, if it had one"),
      workflow: z.string().nullable(),
      decisionType: z.string().nullable(),
      before: verdict,
      after: verdict,
      reasons: z.array(z.object({ code: z.string(), message: z.string() })).describe("Why the draft decides so"),
    }),
  ).describe("Up to 20 per changed pair, oldest first"),
});
