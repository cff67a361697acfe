import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { assertVisible, notVisible } from "../auth/team-access";
import type { GuardOutcome } from "./guard-decision-view";

const DAY_MS = 24 * 60 * 60 * 1000;

export type AgentGuardSummary = { counts: Record<GuardOutcome, number>; total: number; since: string };

// One agent's guard decisions over the last 24 h by outcome, for its overview page. Both reads use the
// (agent_id, created_at) index.
export async function getAgentGuardSummary(principal: Principal, agentId: string, now: Date = new Date()): Promise<AgentGuardSummary> {
  assertCan(principal, "traces:read");
  const agent = await db().agent.findUnique({ where: { id: agentId }, select: { teamId: true } });
  if (!agent) throw notVisible("Agent");
  assertVisible(principal, agent.teamId, "Agent");
  const since = new Date(now.getTime() - DAY_MS);
  const inWindow = { agentId, createdAt: { gte: since, lte: now } };
  const [groups, pendingPastExpiry] = await Promise.all([
    db().guardDecision.groupBy({ by: ["verdict", "status", "finalVerdict"], where: inWindow, _count: { _all: true } }),
    db().guardDecision.count({ where: { ...inWindow, verdict: "hold", status: "pending", expiresAt: { lte: now } } }),
  ]);
  const counts: Record<GuardOutcome, number> = { allow: 0, deny: 0, pending: 0, approved: 0, rejected: 0, expired: 0 };
  for (const group of groups) counts[outcomeOfGroup(group)] += group._count._all;
  // A hold past its expiry is a deny even before the agent's poll records it.
  counts.pending -= pendingPastExpiry;
  counts.expired += pendingPastExpiry;
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  return { counts, total, since: since.toISOString() };
}

function outcomeOfGroup({ verdict, status, finalVerdict }: { verdict: string; status: string; finalVerdict: string | null }): GuardOutcome {
  if (verdict === "allow") return "allow";
  if (verdict === "deny") return "deny";
  if (status === "pending") return "pending";
  if (status === "expired") return "expired";
  return finalVerdict === "allow" ? "approved" : "rejected";
}
