import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { teamAccess } from "../auth/team-access";
import { z } from "../zod";
import type { GuardReason } from "../guard/schemas";
import { readStoredRequest } from "../guard/stored-request";
import { actionCurrency } from "./action-display";

export const recentlyDecidedQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).optional().default(20),
  hours: z.coerce.number().int().min(1).max(24 * 7).optional().default(24),
});

export type RecentlyDecided = {
  decisionId: string;
  agent: { slug: string };
  sessionId: string;
  tool: string | null;
  amount: number | null;
  currency: string;
  outcome: "approved" | "denied";
  // Who decided: a reviewer (reason "reviewer"), or the system when the agent was paused or terminated.
  reason: "reviewer" | "agent_paused";
  message: string | null;
  decidedBy: string | null;
  decidedAt: string;
  note: string | null;
};

// The approval queue's history: held actions of the principal's teams decided in the last `hours`,
// newest first, with who (or what) decided them. Read through the partial index on decided_at.
export async function listRecentlyDecided(principal: Principal, rawQuery: unknown = {}): Promise<RecentlyDecided[]> {
  assertCan(principal, "approvals:read");
  const { limit, hours } = recentlyDecidedQuerySchema.parse(rawQuery ?? {});
  const rows = await db().guardDecision.findMany({
    where: { decidedAt: { gte: new Date(Date.now() - hours * 3600_000) }, ...teamAccess(principal).where() },
    orderBy: { decidedAt: "desc" },
    take: limit,
    select: { id: true, agentId: true, sessionId: true, request: true, finalVerdict: true, finalReasons: true, decidedById: true, decidedAt: true, decisionNote: true },
  });
  const [agents, users] = await Promise.all([
    db().agent.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.agentId))] } }, select: { id: true, slug: true } }),
    db().user.findMany({ where: { id: { in: [...new Set(rows.flatMap((row) => (row.decidedById ? [row.decidedById] : [])))] } }, select: { id: true, email: true } }),
  ]);
  const slugOf = new Map(agents.map((agent) => [agent.id, agent.slug]));
  const emailOf = new Map(users.map((user) => [user.id, user.email]));
  return rows.map((row) => {
    const action = readStoredRequest(row.request).action;
    const systemReason = (row.finalReasons as GuardReason[] | null)?.[0];
    return {
      decisionId: row.id,
      agent: { slug: slugOf.get(row.agentId) ?? "(deleted)" },
      sessionId: row.sessionId,
      tool: action?.tool ?? null,
      amount: typeof action?.amount === "number" ? action.amount : null,
      currency: actionCurrency(action).code,
      outcome: row.finalVerdict === "allow" ? "approved" : "denied",
      reason: systemReason?.code === "agent_paused" ? "agent_paused" : "reviewer",
      message: systemReason?.message ?? null,
      decidedBy: row.decidedById ? (emailOf.get(row.decidedById) ?? "(deleted user)") : null,
      decidedAt: row.decidedAt!.toISOString(),
      note: row.decisionNote,
    };
  });
}
