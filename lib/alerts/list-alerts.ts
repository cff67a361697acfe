import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { teamAccess } from "../auth/team-access";
import { z } from "../zod";
import { alertViewSchema, toAlertViews } from "./alert-view";

export { alertViewSchema };

import { alertKinds, alertStatuses } from "./schemas";

export const listAlertsQuerySchema = z.object({
  status: z.enum(alertStatuses).optional(),
  agent: z.string().trim().max(64).optional().describe("An agent's slug: its own alerts and its department's (budget alerts of its team)"),
  kind: z.enum(alertKinds).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const alertListResponseSchema = z.object({ alerts: z.array(alertViewSchema) });
export const alertCountResponseSchema = z.object({ open: z.number().int() });

// Alerts of the caller's teams, newest first.
export async function listAlerts(principal: Principal, rawQuery: unknown = {}) {
  assertCan(principal, "alerts:read");
  const query = listAlertsQuerySchema.parse(rawQuery ?? {});
  const agent = query.agent ? await db().agent.findUnique({ where: { slug: query.agent }, select: { id: true, teamId: true } }) : null;
  if (query.agent && !agent) return [];
  const alerts = await db().alert.findMany({
    where: {
      ...teamAccess(principal).where(),
      ...(query.status ? { status: query.status } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      // A department's alert (no agent: its budget) concerns every agent of the department.
      ...(agent ? { OR: [{ agentId: agent.id }, { agentId: null, teamId: agent.teamId }] } : {}),
    },
    orderBy: [{ openedAt: "desc" }, { id: "desc" }],
    take: query.limit,
  });
  return toAlertViews(db(), alerts);
}

// The nav badge: open alerts (not yet acknowledged) of the caller's teams.
export async function countOpenAlerts(principal: Principal): Promise<number> {
  assertCan(principal, "alerts:read");
  return db().alert.count({ where: { ...teamAccess(principal).where(), status: "open" } });
}
