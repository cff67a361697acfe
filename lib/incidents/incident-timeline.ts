import { db } from "../db/client";
import { listAgentChanges, type AgentChange } from "../drift/agent-changes";
import { bucketDecisions, describeDecisionBucket, sortTimeline, type DecisionCount, type TimelineEntry } from "./timeline";
import { timelineWindow, type LoadedIncident } from "./load-incident";

const MAX_APPROVALS = 50;

const isoHour = (at: Date) => at.toISOString().slice(0, 16);

function changeEntry(change: AgentChange, slug: string): TimelineEntry {
  const diff = change.diff?.base ? `/agents/${slug}/versions/compare?base=${encodeURIComponent(change.diff.base)}&head=${encodeURIComponent(change.diff.head)}` : `/agents/${slug}/versions`;
  return {
    at: change.at,
    kind: change.kind,
    summary: `${change.label}: ${change.detail}`,
    ref: change.kind === "policy" ? { type: "version", href: `/agents/${slug}/policies` } : { type: "version", id: change.diff?.head, href: diff },
  };
}

async function decisionRows(agentId: string, slug: string, from: Date, to: Date): Promise<TimelineEntry[]> {
  const counts = await db().$queryRaw<{ hour: Date; verdict: "deny" | "hold"; count: number }[]>`
    SELECT date_trunc('hour', created_at) AS hour, verdict::text AS verdict, count(*)::int AS count
    FROM guard_decisions
    WHERE agent_id = ${agentId}::uuid AND created_at >= ${from} AND created_at <= ${to} AND verdict IN ('deny', 'hold')
    GROUP BY 1, 2 ORDER BY 1`;
  const buckets = bucketDecisions(counts.map((row): DecisionCount => ({ at: new Date(row.hour), verdict: row.verdict, count: Number(row.count) })));
  return buckets.map((bucket) => ({
    at: bucket.from,
    kind: "decision",
    summary: describeDecisionBucket(bucket),
    ref: { type: "decisions", href: `/decisions?agent=${encodeURIComponent(slug)}&since=${isoHour(bucket.from)}&until=${isoHour(bucket.to)}` },
  }));
}

// Held actions a reviewer (or an admin) decided in the window.
async function approvalRows(agentId: string, from: Date, to: Date): Promise<TimelineEntry[]> {
  const decided = await db().guardDecision.findMany({
    where: { agentId, decidedAt: { gte: from, lte: to }, decidedById: { not: null } },
    orderBy: { decidedAt: "desc" },
    take: MAX_APPROVALS,
    select: { id: true, decidedAt: true, decidedById: true, finalVerdict: true, workflow: true, decisionType: true, check: true, decisionNote: true },
  });
  const userIds = [...new Set(decided.map((row) => row.decidedById as string))];
  const users = userIds.length ? await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [];
  const emailOf = new Map(users.map((user) => [user.id, user.email]));
  return decided.map((row) => {
    const action = [row.workflow, row.decisionType].filter(Boolean).join(".") || row.check;
    const verb = row.finalVerdict === "allow" ? "approved" : "denied";
    return {
      at: row.decidedAt as Date,
      kind: "approval",
      summary: `${emailOf.get(row.decidedById as string) ?? "A reviewer"} ${verb} a held ${action}${row.decisionNote ? `: ${row.decisionNote}` : ""}`,
      ref: { type: "decision", id: row.id },
    };
  });
}

// What people (and Control Room) did about the alert and the incident, from the audit trail.
async function auditRows(loaded: LoadedIncident, from: Date, to: Date): Promise<TimelineEntry[]> {
  const targets = [
    { targetType: "incident", targetId: loaded.incident.id },
    ...(loaded.alert ? [{ targetType: "alert", targetId: loaded.alert.id }] : []),
  ];
  const entries = await db().auditEntry.findMany({ where: { OR: targets, at: { gte: from, lte: to } }, orderBy: { seq: "asc" } });
  return entries.flatMap((entry): TimelineEntry[] => {
    const after = (entry.after ?? {}) as Record<string, unknown>;
    const note = typeof after.note === "string" && after.note ? `: ${after.note}` : "";
    const ref = { type: "audit" as const, id: entry.seq.toString() };
    switch (entry.action) {
      case "alert.acknowledge":
        return [{ at: entry.at, kind: "acknowledged", summary: `${entry.actorLabel} acknowledged the alert${note}`, ref }];
      case "alert.resolve":
        // Resolving the incident resolved its alert too: its own "resolved" row says so.
        if (after.incidentId) return [];
        return [{ at: entry.at, kind: "resolved", summary: `${entry.actorLabel} resolved the alert${note}`, ref }];
      case "incident.open":
        return [
          {
            at: entry.at,
            kind: "incident_opened",
            summary: after.automatic ? `${entry.actorLabel} opened the incident by itself (a ${loaded.incident.severity} alert)` : `${entry.actorLabel} opened the incident`,
            ref: { type: "incident", id: loaded.incident.id },
          },
        ];
      case "incident.resolve":
        return [
          {
            at: entry.at,
            kind: "resolved",
            summary: `${entry.actorLabel} resolved the incident: ${String(after.summary ?? "")}`,
            ref: { type: "incident", id: loaded.incident.id },
          },
        ];
      default:
        return [];
    }
  });
}

function alertRow(loaded: LoadedIncident): TimelineEntry[] {
  const alert = loaded.alert;
  if (!alert) return [];
  const details = (alert.details ?? {}) as Record<string, unknown>;
  const values =
    typeof details.baselineValue === "number" && typeof details.currentValue === "number"
      ? ` (baseline ${formatValue(details.baselineValue)}, now ${formatValue(details.currentValue)})`
      : "";
  return [{ at: alert.openedAt, kind: "alert", summary: `Alert (${alert.severity}): ${alert.title}${values}`, ref: { type: "alert", id: alert.id, href: `/alerts?agent=${encodeURIComponent(loaded.agent.slug)}` } }];
}

const formatValue = (value: number) => (Math.abs(value) <= 1 ? `${(value * 100).toFixed(1)}%` : value.toFixed(2));

// The incident's story, oldest first: the changes before the shift, the alert, the guard's denials and
// holds (counted per hour, at most ~50 rows), approvals, and every action taken up to the resolution.
export async function assembleTimeline(loaded: LoadedIncident, now = new Date()): Promise<TimelineEntry[]> {
  const { from, to } = timelineWindow(loaded, now);
  const [changes, decisions, approvals, audit] = await Promise.all([
    listAgentChanges(loaded.agent.id, from, to),
    decisionRows(loaded.agent.id, loaded.agent.slug, from, to),
    approvalRows(loaded.agent.id, from, to),
    auditRows(loaded, from, to),
  ]);
  return sortTimeline([...changes.map((change) => changeEntry(change, loaded.agent.slug)), ...alertRow(loaded), ...decisions, ...approvals, ...audit]);
}
