import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { teamAccess } from "../auth/team-access";
import type { AuditQuery } from "./schemas";
import { resolveTargetLabels } from "./target-labels";

// Newest first, cursor-paginated by seq. Reviewers see entries of their teams and entries without a team.
export async function listAudit(principal: Principal, query: AuditQuery) {
  assertCan(principal, "audit:read");
  const access = teamAccess(principal);
  const teamFilter = access.all ? {} : { OR: [{ teamId: null }, access.where()] };
  const rows = await db().auditEntry.findMany({
    where: {
      ...teamFilter,
      ...(query.action ? { action: { contains: query.action } } : {}),
      ...(query.actor ? { actorLabel: { contains: query.actor, mode: "insensitive" as const } } : {}),
      ...(query.targetType ? { targetType: query.targetType } : {}),
      ...(query.since || query.until ? { at: { gte: query.since, lte: query.until } } : {}),
      ...(query.cursor !== undefined ? { seq: { lt: query.cursor } } : {}),
    },
    orderBy: { seq: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  // Targets by name (agent slug, user email, team name …), the id when the target is unknown.
  const labels = await resolveTargetLabels(page);
  return {
    entries: page.map((row) => ({ ...row, seq: row.seq.toString(), targetLabel: labels.get(`${row.targetType}:${row.targetId}`) ?? null })),
    nextCursor: rows.length > query.limit ? page[page.length - 1].seq.toString() : null,
  };
}
