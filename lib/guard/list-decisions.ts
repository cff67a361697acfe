import type { Prisma } from "../generated/prisma/client";
import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { teamAccess } from "../auth/team-access";
import { findAgentForPrincipal } from "../agents/get-agent";
import { AppError } from "../errors/app-error";
import type { TraceDecision } from "./guard-decision-view";
import { listDecisionsQuerySchema, type ListDecisionsInput } from "./schemas";
import { decisionSelect, toTraceDecisions } from "./trace-decisions";

export type DecisionListPage = { decisions: TraceDecision[]; nextCursor: string | null };

const verdictsOf = { allow: ["allow"], deny: ["deny"], hold: ["hold"], blocked: ["deny", "hold"] } as const;

// The cursor is the last row's time (guard_decisions keeps milliseconds, so a Date is exact) and its
// id as the tie-breaker; opaque to clients.
export function encodeDecisionCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`, "utf8").toString("base64url");
}

function decodeDecisionCursor(raw: string): { createdAt: Date; id: string } {
  const [time, id] = Buffer.from(raw, "base64url").toString("utf8").split("|");
  const createdAt = new Date(time ?? "");
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new AppError("validation_failed", "Invalid input — cursor: not a cursor this server handed out", {
      details: { fieldErrors: { cursor: ["Not a valid cursor"] }, formErrors: [] },
    });
  }
  return { createdAt, id };
}

// The guard's decision log for the principal's teams, newest first: where the overview's and the agent
// page's blocked counts lead. Each row carries its trace id (when the agent sent one) for the link.
export async function listDecisions(principal: Principal, rawQuery: ListDecisionsInput = {}): Promise<DecisionListPage> {
  assertCan(principal, "approvals:read");
  const query = listDecisionsQuerySchema.parse(rawQuery ?? {});
  const conditions: Prisma.GuardDecisionWhereInput[] = [teamAccess(principal).where()];
  if (query.agent) {
    // Another team's agent answers 404 like a missing one.
    const agent = await findAgentForPrincipal(db(), principal, query.agent);
    conditions.push({ agentId: agent.id });
  } else {
    // Naming the visible agents lets a time range use the (agent_id, created_at) index, as the
    // overview's blocked count does (guard_decisions has no index on created_at alone).
    const agents = await db().agent.findMany({ where: teamAccess(principal).where(), select: { id: true } });
    conditions.push({ agentId: { in: agents.map((agent) => agent.id) } });
  }
  if (query.verdict) conditions.push({ verdict: { in: [...verdictsOf[query.verdict]] } });
  if (query.reason) {
    // A hold denied by a pause keeps approval_required in reasons and agent_paused in final_reasons.
    const code = [{ code: query.reason }];
    conditions.push({ OR: [{ reasons: { array_contains: code } }, { finalReasons: { array_contains: code } }] });
  }
  if (query.since) conditions.push({ createdAt: { gte: query.since } });
  if (query.until) conditions.push({ createdAt: { lte: query.until } });
  if (query.cursor) {
    const cursor = decodeDecisionCursor(query.cursor);
    conditions.push({ OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] });
  }
  const rows = await db().guardDecision.findMany({
    where: { AND: conditions },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: decisionSelect,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    decisions: await toTraceDecisions(page),
    nextCursor: rows.length > query.limit && last ? encodeDecisionCursor(last.createdAt, last.id) : null,
  };
}
