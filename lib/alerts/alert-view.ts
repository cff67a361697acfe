import type { Tx } from "../db/client";
import { z } from "../zod";
import { timestamp } from "../http/schemas";
import type { Alert } from "../generated/prisma/client";

// One alert as the API, the pages and webhook bodies show it. Drift alerts carry their evidence in
// details (baselineValue, currentValue, statistic, changePointAt, changesNear); other kinds leave
// those fields null or empty.
export const alertViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  severity: z.string(),
  agent: z.object({ slug: z.string() }).nullable(),
  title: z.string(),
  metric: z.string().nullable(),
  baselineValue: z.number().nullable(),
  currentValue: z.number().nullable(),
  statistic: z.number().nullable(),
  changePointAt: timestamp.nullable(),
  changesNear: z.array(z.object({ at: timestamp, kind: z.string(), label: z.string() })),
  details: z.unknown().nullable(),
  status: z.enum(["open", "acknowledged", "resolved"]),
  openedAt: timestamp,
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: timestamp.nullable(),
  acknowledgeNote: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: timestamp.nullable(),
  resolveNote: z.string().nullable(),
  incidentId: z.string().nullable().describe("The incident opened from this alert, if any"),
});
export type AlertView = z.infer<typeof alertViewSchema>;

const numberOrNull = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);
const timeOrNull = (value: unknown) => (typeof value === "string" && !Number.isNaN(Date.parse(value)) ? value : null);

function changesNearOf(value: unknown): AlertView["changesNear"] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((change) => {
    const { at, kind, label } = (change ?? {}) as Record<string, unknown>;
    return timeOrNull(at) && typeof kind === "string" && typeof label === "string" ? [{ at: at as string, kind, label }] : [];
  });
}

export function toAlertView(alert: Alert, agentSlug: string | null, incidentId: string | null = null): AlertView {
  const details = (alert.details ?? null) as Record<string, unknown> | null;
  return {
    id: alert.id,
    kind: alert.kind,
    severity: alert.severity,
    agent: agentSlug ? { slug: agentSlug } : null,
    title: alert.title,
    metric: alert.metric,
    baselineValue: numberOrNull(details?.baselineValue),
    currentValue: numberOrNull(details?.currentValue),
    statistic: numberOrNull(details?.statistic),
    changePointAt: timeOrNull(details?.changePointAt),
    changesNear: changesNearOf(details?.changesNear),
    details,
    status: alert.status,
    openedAt: alert.openedAt,
    acknowledgedBy: alert.acknowledgedBy,
    acknowledgedAt: alert.acknowledgedAt,
    acknowledgeNote: alert.acknowledgeNote,
    resolvedBy: alert.resolvedBy,
    resolvedAt: alert.resolvedAt,
    resolveNote: alert.resolveNote,
    incidentId,
  };
}

// Alerts with their agents' slugs and their incidents, in two extra queries.
export async function toAlertViews(tx: Tx, alerts: Alert[]): Promise<AlertView[]> {
  const agentIds = [...new Set(alerts.map((alert) => alert.agentId).filter((id): id is string => id !== null))];
  const alertIds = alerts.map((alert) => alert.id);
  const [agents, incidents] = await Promise.all([
    agentIds.length ? tx.agent.findMany({ where: { id: { in: agentIds } }, select: { id: true, slug: true } }) : [],
    alertIds.length ? tx.incident.findMany({ where: { alertId: { in: alertIds } }, select: { id: true, alertId: true } }) : [],
  ]);
  const slugs = new Map(agents.map((row) => [row.id, row.slug]));
  const incidentOf = new Map(incidents.map((row) => [row.alertId, row.id]));
  return alerts.map((alert) => toAlertView(alert, alert.agentId ? (slugs.get(alert.agentId) ?? null) : null, incidentOf.get(alert.id) ?? null));
}
