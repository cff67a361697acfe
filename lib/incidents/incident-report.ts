import { db } from "../db/client";
import type { Principal } from "../auth/principal";
import { describeLead, listAgentChanges } from "../drift/agent-changes";
import { toAlertView } from "../alerts/alert-view";
import { assembleTimeline } from "./incident-timeline";
import { LOOKBACK_MS, loadIncident, problemStart, type LoadedIncident } from "./load-incident";
import { buildIncidentReport, reportFilename, type ReportFacts } from "./report-markdown";

// Records of setting things up, not actions taken about the problem.
const NOT_ACTIONS = new Set(["agent.create", "version.created"]);

// How an audit entry reads in "Actions taken".
function describeAction(action: string, after: Record<string, unknown>): string {
  const note = (key: string) => (typeof after[key] === "string" && after[key] ? `: ${after[key] as string}` : "");
  switch (action) {
    case "incident.open":
      return `opened the incident${after.automatic ? " (automatically, a critical alert)" : ""}`;
    case "incident.resolve":
      return `resolved the incident${note("summary")}`;
    case "alert.acknowledge":
      return `acknowledged the alert${note("note")}`;
    case "alert.resolve":
      return after.incidentId ? "resolved the alert with the incident" : `resolved the alert${note("note")}`;
    case "version.rolled_back":
      return `rolled production back to ${String(after.label ?? "an earlier version")}${note("reason")}`;
    case "version.promoted":
    case "version.production_approved":
      return `put ${String(after.label ?? "a version")} in ${String(after.stage ?? "production")}${note("reason")}`;
    case "agent.pause":
      return `paused the agent${note("reason")}`;
    case "agent.resume":
      return `resumed the agent${note("reason")}`;
    default:
      return action;
  }
}

async function impactOf(loaded: LoadedIncident, timelineFix: { at: Date; label: string } | null, now: Date): Promise<ReportFacts["impact"]> {
  const from = problemStart(loaded);
  const fromWhat = loaded.incident.changePointAt ? "change point" : loaded.alert ? "alert" : "incident";
  const fix = timelineFix
    ? ({ kind: "rollback", label: timelineFix.label } as const)
    : loaded.incident.resolvedAt
      ? ({ kind: "resolution" } as const)
      : ({ kind: "ongoing" } as const);
  const to = timelineFix?.at ?? loaded.incident.resolvedAt ?? now;
  const [tasks, decisions] = await Promise.all([
    db().trace.groupBy({ by: ["outcome"], where: { agentId: loaded.agent.id, startTime: { gte: from, lte: to } }, _count: { _all: true } }),
    db().$queryRaw<{ verdict: string; count: number }[]>`
      SELECT coalesce(final_verdict, verdict)::text AS verdict, count(*)::int AS count FROM guard_decisions
      WHERE agent_id = ${loaded.agent.id}::uuid AND created_at >= ${from} AND created_at <= ${to} GROUP BY 1`,
  ]);
  return {
    from,
    fromWhat,
    to,
    fix,
    tasks: tasks.map((row) => ({ outcome: row.outcome ?? "no outcome", count: row._count._all })),
    decisions: decisions.map((row) => ({ verdict: row.verdict, count: Number(row.count) })),
  };
}

// The facts of the report: the incident, its timeline, the impact between the change point (or alert)
// and the fix, the change nearest before the shift, and the actions taken from the audit trail.
export async function gatherReportFacts(principal: Principal, incidentId: string, now = new Date()): Promise<ReportFacts> {
  const loaded = await loadIncident(principal, incidentId);
  const timeline = await assembleTimeline(loaded, now);
  const start = problemStart(loaded);
  const firstSeen = loaded.alert?.openedAt ?? loaded.incident.openedAt;
  const rollback = timeline.find((entry) => entry.kind === "rollback" && new Date(entry.at) >= start);
  const rollbackLabel = rollback ? (rollback.ref?.id ?? "an earlier version") : null;

  const before = await listAgentChanges(loaded.agent.id, new Date(start.getTime() - LOOKBACK_MS), start);
  const cause = before.at(-1) ?? null;

  const versionIds = (await db().agentVersion.findMany({ where: { agentId: loaded.agent.id }, select: { id: true } })).map((version) => version.id);
  const targetIds = [loaded.incident.id, loaded.agent.id, ...(loaded.alert ? [loaded.alert.id] : []), ...versionIds];
  const audit = await db().auditEntry.findMany({
    where: { targetId: { in: targetIds }, at: { gte: new Date(Math.min(firstSeen.getTime(), loaded.incident.openedAt.getTime())), lte: loaded.incident.resolvedAt ? new Date(loaded.incident.resolvedAt.getTime() + 1_000) : now } },
    orderBy: { seq: "asc" },
  });
  const alertView = loaded.alert ? toAlertView(loaded.alert, loaded.agent.slug) : null;
  return {
    incident: loaded.view,
    alert: loaded.alert && alertView
      ? { title: loaded.alert.title, kind: loaded.alert.kind, severity: loaded.alert.severity, metric: loaded.alert.metric, baselineValue: alertView.baselineValue, currentValue: alertView.currentValue, openedAt: loaded.alert.openedAt }
      : null,
    generatedAt: now,
    timeline,
    impact: await impactOf(loaded, rollback && rollbackLabel ? { at: new Date(rollback.at), label: rollbackLabel } : null, now),
    likelyCause: cause ? { kind: cause.kind, label: cause.label, detail: cause.detail, at: cause.at, lead: describeLead(cause, start) } : null,
    actions: audit.filter((entry) => !NOT_ACTIONS.has(entry.action)).map((entry) => ({ at: entry.at, by: entry.actorLabel, what: describeAction(entry.action, (entry.after ?? {}) as Record<string, unknown>) })),
  };
}

// GET /api/v1/incidents/{id}/report: the Markdown and the download's file name.
export async function getIncidentReport(principal: Principal, incidentId: string, now = new Date()): Promise<{ filename: string; markdown: string }> {
  const facts = await gatherReportFacts(principal, incidentId, now);
  return { filename: reportFilename(facts.incident.id), markdown: buildIncidentReport(facts) };
}
