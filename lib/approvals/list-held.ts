import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { teamAccess } from "../auth/team-access";
import type { GuardReason } from "../guard/schemas";
import { listHeldQuerySchema } from "../guard/schemas";
import { readStoredRequest } from "../guard/stored-request";

export type HeldDecision = {
  decisionId: string;
  // status: a paused or terminated agent's hold can only be rejected (lib/approvals/decide-decision.ts).
  agent: { id: string; slug: string; status: "active" | "paused" | "terminated" };
  sessionId: string;
  traceId: string | null;
  spanId: string | null;
  workflow: string | null;
  decisionType: string | null;
  version: string | null; // the agent version that asked (label), null when unknown
  action: { tool: string; params?: Record<string, unknown>; amount?: number; resource?: string } | null;
  amount: number | null;
  reasons: GuardReason[];
  // The budgets that held it (reason budget_exceeded), as the guard recorded them: what an extension applies to.
  budgets: { scope: string; label: string; window: "day" | "week" | "month"; onExceed: "hold" | "deny"; spent: { usd: number; tokens: number }; limit: { usd?: number; tokens?: number } }[];
  createdAt: string;
  expiresAt: string | null;
};

// The approval queue: pending holds of the principal's teams that have not expired, oldest first.
export async function listHeld(principal: Principal, rawQuery: unknown = {}): Promise<HeldDecision[]> {
  assertCan(principal, "approvals:read");
  const { limit } = listHeldQuerySchema.parse(rawQuery ?? {});
  const rows = await db().guardDecision.findMany({
    where: { status: "pending", ...teamAccess(principal).where(), OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: {
      id: true,
      agentId: true,
      sessionId: true,
      traceId: true,
      spanId: true,
      workflow: true,
      decisionType: true,
      version: true,
      request: true,
      reasons: true,
      createdAt: true,
      expiresAt: true,
    },
  });
  const agents = await db().agent.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.agentId))] } }, select: { id: true, slug: true, status: true } });
  const agentOf = new Map(agents.map((agent) => [agent.id, agent]));
  return rows.map((row) => {
    const request = readStoredRequest(row.request);
    const action = request.action ?? null;
    return {
      decisionId: row.id,
      agent: { id: row.agentId, slug: agentOf.get(row.agentId)?.slug ?? "(deleted)", status: agentOf.get(row.agentId)?.status ?? "terminated" },
      sessionId: row.sessionId,
      traceId: row.traceId,
      spanId: row.spanId,
      workflow: row.workflow,
      decisionType: row.decisionType,
      version: row.version,
      action,
      amount: typeof action?.amount === "number" ? action.amount : null,
      reasons: row.reasons as GuardReason[],
      budgets: request.budgets,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt?.toISOString() ?? null,
    };
  });
}
