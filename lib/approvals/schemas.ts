import { z } from "../zod";
import { timestamp } from "../http/schemas";
import { guardActionSchema, guardReasonSchema } from "../guard/schemas";
import { agentStatuses } from "../agents/schemas";

// Responses of the approval queue's API (its inputs are the guard's: lib/guard/schemas.ts).
const heldBudgetSchema = z.object({
  scope: z.string(),
  label: z.string(),
  window: z.enum(["day", "week", "month"]),
  onExceed: z.enum(["hold", "deny"]),
  spent: z.object({ usd: z.number(), tokens: z.number() }),
  limit: z.object({ usd: z.number().optional(), tokens: z.number().optional() }),
});
export const heldDecisionSchema = z.object({
  decisionId: z.string(),
  agent: z.object({ id: z.string(), slug: z.string(), status: z.enum(agentStatuses) }),
  sessionId: z.string(),
  traceId: z.string().nullable(),
  spanId: z.string().nullable(),
  workflow: z.string().nullable(),
  decisionType: z.string().nullable(),
  version: z.string().nullable().describe("The agent version that asked (label); null when unknown"),
  action: guardActionSchema.nullable(),
  amount: z.number().nullable(),
  reasons: z.array(guardReasonSchema),
  budgets: z.array(heldBudgetSchema).describe("The budgets that held it: what an extension applies to"),
  createdAt: timestamp,
  expiresAt: timestamp.nullable(),
});
export const heldListResponseSchema = z.object({ approvals: z.array(heldDecisionSchema) });
export const pendingCountResponseSchema = z.object({ pending: z.number() });
export const recentlyDecidedResponseSchema = z.object({
  decisions: z.array(
    z.object({
      decisionId: z.string(),
      agent: z.object({ slug: z.string() }),
      sessionId: z.string(),
      tool: z.string().nullable(),
      amount: z.number().nullable(),
      currency: z.string().describe("The action's currency param, else USD (the guard's budgets)"),
      outcome: z.enum(["approved", "denied"]),
      reason: z.enum(["reviewer", "agent_paused"]),
      message: z.string().nullable(),
      decidedBy: z.string().nullable(),
      decidedAt: timestamp,
      note: z.string().nullable(),
    }),
  ),
});
export const approvalStatsResponseSchema = z.object({
  stats: z.object({ pending: z.number(), medianDecideMs24h: z.number().nullable(), decided24h: z.number(), generatedAt: timestamp }),
});
