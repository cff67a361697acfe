import { z } from "../zod";
import { timestamp } from "../http/schemas";
import { inputChannels } from "../policies/document-schema";

// The agent-facing guard contract (DESIGN.md): one schema per input, used by the route and lib alike.

const idText = (max: number) => z.string().trim().min(1, "Required").max(max, `At most ${max} characters`);
const MAX_TEXT = 200_000;

export const guardActionSchema = z.object({
  tool: idText(200),
  params: z.record(z.string(), z.unknown()).optional(),
  amount: z.number().finite().optional(),
  resource: z.string().max(500, "At most 500 characters").optional(),
});

export const guardUsageSchema = z.object({
  model: idText(200),
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
});

export const guardRequestSchema = z
  .object({
    check: z.enum(["input", "action", "output"], { error: 'Use "input", "action" or "output"' }),
    sessionId: idText(200),
    traceId: idText(64).optional(),
    spanId: idText(32).optional(),
    workflow: idText(120).optional(),
    decisionType: idText(120).optional(),
    text: z.string().max(MAX_TEXT, `At most ${MAX_TEXT} characters`).optional(),
    channel: z.enum(inputChannels, { error: 'Use "user", "tool" or "retrieval"' }).optional(),
    action: guardActionSchema.optional(),
    usage: guardUsageSchema.optional(),
    // The agent version the call runs (label, e.g. "v3"); else the one the config call served the session.
    version: idText(64).optional(),
  })
  .superRefine((request, context) => {
    if (request.check === "action" && !request.action) context.addIssue({ code: "custom", path: ["action"], message: "An action check needs action" });
    if (request.check !== "action" && request.text === undefined) {
      context.addIssue({ code: "custom", path: ["text"], message: `An ${request.check} check needs text` });
    }
  });
export type GuardRequest = z.output<typeof guardRequestSchema>;

export const guardReasonCodes = [
  "prompt_injection",
  "out_of_scope",
  "loop_detected",
  "budget_exceeded",
  "approval_required",
  "approval_expired",
  "sensitive_output",
  "agent_paused",
  "policy_rule",
] as const;
export type GuardReasonCode = (typeof guardReasonCodes)[number];
export type GuardReason = { code: GuardReasonCode; message: string };
export type GuardVerdict = "allow" | "deny" | "hold";

export const decisionWaitQuerySchema = z.object({
  wait: z.coerce.number({ error: "Use a number of seconds" }).min(0, "At least 0").max(60, "At most 60 seconds").optional(),
});

// A one-off extension of the budgets that held the action, for the rest of their current window.
export const budgetExtensionSchema = z
  .object({
    usd: z.number({ error: "Use an amount in USD" }).positive("Must be more than 0").max(1_000_000, "At most 1,000,000").optional(),
    tokens: z.number({ error: "Use a number of tokens" }).int("Use whole tokens").positive("Must be more than 0").max(1e12).optional(),
  })
  .refine((extension) => extension.usd !== undefined || extension.tokens !== undefined, "Give an extension in usd, tokens or both");

export const decideDecisionSchema = z
  .object({
    verdict: z.enum(["allow", "deny"], { error: 'Use "allow" or "deny"' }),
    note: z.string().trim().max(2000, "At most 2000 characters").optional().default(""),
    extendBudget: budgetExtensionSchema.optional(),
  })
  .refine((input) => !input.extendBudget || input.verdict === "allow", { path: ["extendBudget"], message: "Only an approval can extend a budget" });
export type DecideDecisionInput = z.input<typeof decideDecisionSchema>;
export type BudgetExtensionInput = z.output<typeof budgetExtensionSchema>;

export const listHeldQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional().default(100),
});

// Responses of the agent-facing contract (DESIGN.md).
export const guardReasonSchema = z.object({ code: z.enum(guardReasonCodes), message: z.string() });
const verdictSchema = z.enum(["allow", "deny", "hold"]);
export const guardResponseSchema = z.object({
  decisionId: z.string(),
  verdict: verdictSchema,
  reasons: z.array(guardReasonSchema),
  expiresAt: timestamp.optional().describe("Set for hold: until when a reviewer may decide; then it is a deny (approval_expired)"),
  version: z.string().optional().describe("The agent version the decision is attributed to, when known"),
});
// A decision as the long-poll and the reviewer's decide answer: allow or deny once decided or expired.
export const decisionResponseSchema = guardResponseSchema.extend({
  decidedAt: timestamp.optional(),
  note: z.string().optional(),
});
export const decideDecisionResponseSchema = z.object({ decision: decisionResponseSchema });

const recordedRequestSchema = z.object({
  action: guardActionSchema.optional(),
  usage: guardUsageSchema.optional(),
  channel: z.string().optional(),
  textExcerpt: z.string().optional().describe("A short redacted excerpt of screened text; the text itself is never stored"),
  textLength: z.number().optional(),
});
// A stored decision next to the trace or session it gated.
export const traceDecisionSchema = z.object({
  decisionId: z.string(),
  agent: z.object({ slug: z.string() }),
  sessionId: z.string(),
  traceId: z.string().nullable(),
  spanId: z.string().nullable(),
  check: z.string(),
  workflow: z.string().nullable(),
  decisionType: z.string().nullable(),
  verdict: verdictSchema.describe("The guard's answer when asked (hold for held actions)"),
  status: z.enum(["pending", "decided", "expired"]),
  finalVerdict: verdictSchema.nullable(),
  outcome: z.enum(["allow", "deny", "pending", "approved", "rejected", "expired"]),
  reasons: z.array(guardReasonSchema),
  request: recordedRequestSchema,
  policyVersion: z.string().nullable(),
  version: z.string().nullable().describe("The agent version that asked (label); null when unknown"),
  latencyMs: z.number(),
  createdAt: timestamp,
  expiresAt: timestamp.nullable(),
  decidedAt: timestamp.nullable(),
  decidedBy: z.object({ name: z.string(), email: z.string() }).nullable(),
  note: z.string().nullable(),
});

// A decision on a session replay step (lib/guard/place-on-steps.ts): how it was placed, the rule that decided.
export const stepDecisionSchema = traceDecisionSchema.extend({
  link: z.enum(["span", "time", "trace"]).describe("span: it named the step's span; time: placed by its time within the trace; trace: the turn's first step"),
  rule: z.object({
    id: z.string().nullable().describe("Where in the policy document, e.g. gates:large-refund or tools:refunds.issue; null when no policy rule decided"),
    label: z.string(),
  }),
  policyScopes: z.array(z.object({ scopeKey: z.string(), version: z.number() })).describe("The policy scopes that applied, at their versions (from policyVersion)"),
});

export const blockedPerHourResponseSchema = z.object({
  blocked: z.object({
    lastHour: z.object({ denied: z.number(), held: z.number() }),
    hours: z.array(z.object({ hour: timestamp, denied: z.number(), held: z.number() })),
    generatedAt: timestamp,
  }),
});

// GET /api/v1/guard/decisions: the decision log, filtered (a GET form sends empty fields as "": no filter).
export const DECISION_PAGE_DEFAULT = 50;
export const DECISION_PAGE_MAX = 200;
const blank = (value: unknown) => (value === "" || value === null ? undefined : value);
export const decisionVerdictFilters = ["allow", "deny", "hold", "blocked"] as const;
export const listDecisionsQuerySchema = z.object({
  agent: z.preprocess(blank, z.string().trim().min(1).max(64).optional()),
  verdict: z.preprocess(
    blank,
    z.enum(decisionVerdictFilters).optional().describe("The guard's answer when asked; blocked = deny or hold (what the overview counts)"),
  ),
  reason: z.preprocess(blank, z.enum(guardReasonCodes).optional().describe("A reason code of the decision (or of its final verdict, e.g. agent_paused)")),
  since: z.preprocess(blank, z.coerce.date().optional()),
  until: z.preprocess(blank, z.coerce.date().optional()),
  cursor: z.preprocess(blank, z.string().max(200).optional()),
  limit: z.preprocess(blank, z.coerce.number().int().min(1).max(DECISION_PAGE_MAX).default(DECISION_PAGE_DEFAULT)),
});
export type ListDecisionsInput = z.input<typeof listDecisionsQuerySchema>;
export const decisionListResponseSchema = z.object({ decisions: z.array(traceDecisionSchema), nextCursor: z.string().nullable() });
