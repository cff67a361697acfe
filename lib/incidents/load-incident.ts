import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { assertVisible, notVisible } from "../auth/team-access";
import { isUuid } from "../db/ids";
import type { Alert, Incident } from "../generated/prisma/client";
import { toIncidentView, type IncidentView } from "./incident-view";

export type LoadedIncident = {
  incident: Incident;
  agent: { id: string; slug: string; name: string; teamId: string };
  alert: Alert | null;
  view: IncidentView;
};

// 48 h before the change point (or the alert): the changes that may have caused the shift.
export const LOOKBACK_MS = 48 * 3_600_000;

// An incident of the caller's teams (another team's answers 404, like a missing one).
export async function loadIncident(principal: Principal, incidentId: string): Promise<LoadedIncident> {
  assertCan(principal, "incidents:read");
  const incident = isUuid(incidentId) ? await db().incident.findUnique({ where: { id: incidentId } }) : null;
  if (!incident) throw notVisible("Incident");
  assertVisible(principal, incident.teamId, "Incident");
  const [agent, alert] = await Promise.all([
    db().agent.findUniqueOrThrow({ where: { id: incident.agentId }, select: { id: true, slug: true, name: true, teamId: true } }),
    incident.alertId ? db().alert.findUnique({ where: { id: incident.alertId } }) : null,
  ]);
  return { incident, agent, alert, view: toIncidentView(incident, agent, alert) };
}

// Where the problem began: the change point the alert found, else the alert, else the incident.
export function problemStart({ incident, alert }: Pick<LoadedIncident, "incident" | "alert">): Date {
  return incident.changePointAt ?? alert?.openedAt ?? incident.openedAt;
}

// The period the timeline covers: from 48 h before the earliest of change point, alert and incident
// to the resolution (or now).
export function timelineWindow(loaded: Pick<LoadedIncident, "incident" | "alert">, now = new Date()): { from: Date; to: Date } {
  const starts = [loaded.incident.changePointAt, loaded.alert?.openedAt, loaded.incident.openedAt].filter((at): at is Date => at instanceof Date);
  const earliest = Math.min(...starts.map((at) => at.getTime()));
  // A second past the resolution: the resolution's own audit entries are written just after resolvedAt.
  const to = loaded.incident.resolvedAt ? new Date(loaded.incident.resolvedAt.getTime() + 1_000) : now;
  return { from: new Date(earliest - LOOKBACK_MS), to };
}
