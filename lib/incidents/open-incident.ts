import { db, type Tx } from "../db/client";
import { transaction } from "../db/transaction";
import { actorOf, assertCan, type Principal, type SystemPrincipal } from "../auth/principal";
import { assertVisible, notVisible } from "../auth/team-access";
import { findAgentForPrincipal } from "../agents/get-agent";
import { recordAudit } from "../audit/record-audit";
import { AppError } from "../errors/app-error";
import { openIncidentSchema } from "./schemas";
import { toIncidentViews, type IncidentView } from "./incident-view";

// Who opens an incident by itself: the label on the audit entry and on the timeline.
export const CONTROL_ROOM: SystemPrincipal = { kind: "system", label: "Control Room" };

type NewIncident = {
  agent: { id: string; teamId: string };
  alert: { id: string; details: unknown } | null;
  title: string;
  severity: string;
  openedBy: string | null;
};

const changePointOf = (details: unknown): Date | null => {
  const value = (details as Record<string, unknown> | null)?.changePointAt;
  return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? new Date(value) : null;
};

// Inserts unless the alert already has an incident (the unique alert_id: holds across replicas and
// concurrent clicks). Returns the new row, or null when another one holds the alert.
async function insertIncident(tx: Tx, principal: Principal, incident: NewIncident) {
  const rows = await tx.incident.createManyAndReturn({
    data: [
      {
        agentId: incident.agent.id,
        teamId: incident.agent.teamId,
        alertId: incident.alert?.id ?? null,
        title: incident.title,
        severity: incident.severity,
        openedBy: incident.openedBy,
        changePointAt: changePointOf(incident.alert?.details ?? null),
      },
    ],
    skipDuplicates: true,
  });
  const created = rows[0];
  if (!created) return null;
  await recordAudit(tx, principal, {
    action: "incident.open",
    targetType: "incident",
    targetId: created.id,
    teamId: created.teamId,
    after: { title: created.title, severity: created.severity, alertId: created.alertId, automatic: incident.openedBy === null },
  });
  return created;
}

function alreadyOpened(incidentId: string): AppError {
  return new AppError("conflict", "This alert already has an incident", { details: { incidentId, href: `/incidents/${incidentId}` } });
}

// POST /api/v1/incidents: an operator or admin opens an incident about an agent of their teams, from
// an alert (it must concern that agent or, for a team-wide alert, the agent's team) or on its own.
export async function openIncident(principal: Principal, rawInput: unknown): Promise<IncidentView> {
  assertCan(principal, "incidents:open");
  const input = openIncidentSchema.parse(rawInput ?? {});
  return transaction(async (tx) => {
    const agent = await findAgentForPrincipal(tx, principal, input.agent);
    let alert: { id: string; details: unknown } | null = null;
    if (input.alertId) {
      const found = await tx.alert.findUnique({ where: { id: input.alertId } });
      if (!found) throw notVisible("Alert");
      assertVisible(principal, found.teamId, "Alert");
      if (found.agentId ? found.agentId !== agent.id : found.teamId !== agent.teamId) {
        throw new AppError("validation_failed", `This alert is not about ${agent.slug}`, { details: { alertId: found.id } });
      }
      const existing = await tx.incident.findUnique({ where: { alertId: found.id }, select: { id: true } });
      if (existing) throw alreadyOpened(existing.id);
      alert = { id: found.id, details: found.details };
    }
    const created = await insertIncident(tx, principal, {
      agent,
      alert,
      title: input.title,
      severity: input.severity,
      openedBy: actorOf(principal).actorLabel,
    });
    if (!created) {
      const existing = await tx.incident.findUniqueOrThrow({ where: { alertId: input.alertId }, select: { id: true } });
      throw alreadyOpened(existing.id);
    }
    const [view] = await toIncidentViews(tx, [created]);
    return view;
  });
}

// A critical alert opens its incident by itself (lib/incidents/subscriptions.ts). Every replica may
// try: the unique alert_id lets one win and the others change nothing. Returns the new incident's id,
// or null when the alert already had one (or is gone, or concerns no agent).
export async function openIncidentForAlert(alertId: string): Promise<string | null> {
  return transaction(async (tx) => {
    const alert = await tx.alert.findUnique({ where: { id: alertId } });
    if (!alert?.agentId || alert.status === "resolved") return null;
    const agent = await tx.agent.findUnique({ where: { id: alert.agentId }, select: { id: true, teamId: true } });
    if (!agent) return null;
    const created = await insertIncident(tx, CONTROL_ROOM, {
      agent,
      alert: { id: alert.id, details: alert.details },
      title: alert.title,
      severity: alert.severity,
      openedBy: null,
    });
    return created?.id ?? null;
  });
}

const CATCH_UP_WINDOW_MS = 24 * 3_600_000;

// The after-commit reaction may be missed (a replica disconnected from NOTIFY, a restart right after the
// commit): a periodic pass opens the incident of any critical alert of the last 24 h that is still
// without one. Returns the ids of the incidents it opened.
export async function openMissingIncidents(now = new Date()): Promise<string[]> {
  const alerts = await db().alert.findMany({
    where: { severity: "critical", status: { not: "resolved" }, agentId: { not: null }, openedAt: { gte: new Date(now.getTime() - CATCH_UP_WINDOW_MS) } },
    select: { id: true },
    take: 500,
  });
  if (alerts.length === 0) return [];
  const covered = await db().incident.findMany({ where: { alertId: { in: alerts.map((alert) => alert.id) } }, select: { alertId: true } });
  const coveredIds = new Set(covered.map((incident) => incident.alertId));
  const opened: string[] = [];
  for (const alert of alerts) {
    if (coveredIds.has(alert.id)) continue;
    const id = await openIncidentForAlert(alert.id);
    if (id) opened.push(id);
  }
  return opened;
}
