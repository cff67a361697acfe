import type { Tx } from "../db/client";
import { z } from "../zod";
import { timestamp } from "../http/schemas";
import type { Alert, Incident } from "../generated/prisma/client";

// One incident as the API and the pages show it. timeToResolutionMs runs from the alert's opening
// (when there is an alert: that is when the problem was first seen) or else the incident's, to its
// resolution.
export const incidentViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.string(),
  status: z.enum(["open", "resolved"]),
  agent: z.object({ slug: z.string(), name: z.string() }),
  alert: z
    .object({ id: z.string(), kind: z.string(), title: z.string(), metric: z.string().nullable(), status: z.string(), openedAt: timestamp })
    .nullable(),
  openedAt: timestamp,
  openedBy: z.string().nullable().describe("null: opened automatically by Control Room (a critical alert)"),
  resolvedAt: timestamp.nullable(),
  resolvedBy: z.string().nullable(),
  summary: z.string().nullable().describe("The resolution summary"),
  changePointAt: timestamp.nullable(),
  timeToResolutionMs: z.number().nullable(),
});
export type IncidentView = z.infer<typeof incidentViewSchema>;

type AlertFields = Pick<Alert, "id" | "kind" | "title" | "metric" | "status" | "openedAt">;

export function resolutionStart(incident: Pick<Incident, "openedAt">, alert: Pick<Alert, "openedAt"> | null): Date {
  return alert ? alert.openedAt : incident.openedAt;
}

export function toIncidentView(incident: Incident, agent: { slug: string; name: string }, alert: AlertFields | null): IncidentView {
  const start = resolutionStart(incident, alert);
  return {
    id: incident.id,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    agent: { slug: agent.slug, name: agent.name },
    alert: alert ? { id: alert.id, kind: alert.kind, title: alert.title, metric: alert.metric, status: alert.status, openedAt: alert.openedAt } : null,
    openedAt: incident.openedAt,
    openedBy: incident.openedBy,
    resolvedAt: incident.resolvedAt,
    resolvedBy: incident.resolvedBy,
    summary: incident.summary,
    changePointAt: incident.changePointAt,
    timeToResolutionMs: incident.resolvedAt ? Math.max(0, incident.resolvedAt.getTime() - start.getTime()) : null,
  };
}

// Incidents with their agents and alerts, in two extra queries.
export async function toIncidentViews(tx: Tx, incidents: Incident[]): Promise<IncidentView[]> {
  const agentIds = [...new Set(incidents.map((incident) => incident.agentId))];
  const alertIds = incidents.map((incident) => incident.alertId).filter((id): id is string => id !== null);
  const [agents, alerts] = await Promise.all([
    agentIds.length ? tx.agent.findMany({ where: { id: { in: agentIds } }, select: { id: true, slug: true, name: true } }) : [],
    alertIds.length
      ? tx.alert.findMany({ where: { id: { in: alertIds } }, select: { id: true, kind: true, title: true, metric: true, status: true, openedAt: true } })
      : [],
  ]);
  const agentOf = new Map(agents.map((agent) => [agent.id, agent]));
  const alertOf = new Map(alerts.map((alert) => [alert.id, alert]));
  return incidents.map((incident) =>
    toIncidentView(incident, agentOf.get(incident.agentId) ?? { slug: "unknown", name: "Unknown agent" }, incident.alertId ? (alertOf.get(incident.alertId) ?? null) : null),
  );
}
