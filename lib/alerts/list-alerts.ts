import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { teamAccess } from "../auth/team-access";
import { z } from "../zod";
import { timestamp } from "../http/schemas";

export const listAlertsQuerySchema = z.object({
  status: z.enum(["open", "acknowledged", "resolved"]).optional(),
  agent: z.string().trim().max(64).optional(),
  kind: z.enum(["canary", "drift", "budget", "evaluation"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const alertViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  severity: z.string(),
  agent: z.object({ slug: z.string() }).nullable(),
  title: z.string(),
  metric: z.string().nullable(),
  details: z.unknown().nullable(),
  status: z.enum(["open", "acknowledged", "resolved"]),
  openedAt: timestamp,
  acknowledgedBy: z.string().nullable(),
  resolvedBy: z.string().nullable(),
});
export const alertListResponseSchema = z.object({ alerts: z.array(alertViewSchema) });

// Alerts of the caller's teams, newest first.
export async function listAlerts(principal: Principal, rawQuery: unknown = {}) {
  assertCan(principal, "alerts:read");
  const query = listAlertsQuerySchema.parse(rawQuery ?? {});
  const agent = query.agent ? await db().agent.findUnique({ where: { slug: query.agent }, select: { id: true } }) : null;
  if (query.agent && !agent) return [];
  const alerts = await db().alert.findMany({
    where: {
      ...teamAccess(principal).where(),
      ...(query.status ? { status: query.status } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(agent ? { agentId: agent.id } : {}),
    },
    orderBy: { openedAt: "desc" },
    take: query.limit,
  });
  const agentIds = [...new Set(alerts.map((alert) => alert.agentId).filter((id): id is string => id !== null))];
  const slugs = new Map((await db().agent.findMany({ where: { id: { in: agentIds } }, select: { id: true, slug: true } })).map((row) => [row.id, row.slug]));
  return alerts.map((alert) => ({
    id: alert.id,
    kind: alert.kind,
    severity: alert.severity,
    agent: alert.agentId && slugs.has(alert.agentId) ? { slug: slugs.get(alert.agentId)! } : null,
    title: alert.title,
    metric: alert.metric,
    details: (alert.details ?? null) as unknown,
    status: alert.status,
    openedAt: alert.openedAt,
    acknowledgedBy: alert.acknowledgedBy,
    resolvedBy: alert.resolvedBy,
  }));
}
