import { formatDuration, type TimelineEntry, type TimelineKind } from "./timeline";
import type { IncidentView } from "./incident-view";

// The incident report as Markdown, from facts gathered by incident-report.ts. Pure: the same facts
// give the same text (the unit tests pin it down).

export type ReportFacts = {
  incident: IncidentView;
  alert: { title: string; kind: string; severity: string; metric: string | null; baselineValue: number | null; currentValue: number | null; openedAt: Date } | null;
  generatedAt: Date;
  timeline: TimelineEntry[];
  impact: {
    from: Date;
    fromWhat: "change point" | "alert" | "incident";
    to: Date;
    fix: { kind: "rollback"; label: string } | { kind: "resolution" } | { kind: "ongoing" };
    tasks: { outcome: string; count: number }[];
    decisions: { verdict: string; count: number }[];
  };
  likelyCause: { kind: string; label: string; detail: string; at: Date; lead: string } | null;
  actions: { at: Date; by: string; what: string }[];
};

const kindLabels: Record<TimelineKind, string> = {
  alert: "Alert",
  version: "Version",
  knowledge_base: "Knowledge base",
  policy: "Policy",
  provider_model: "Provider model",
  rollback: "Rollback",
  decision: "Guard decisions",
  approval: "Approval",
  acknowledged: "Acknowledged",
  incident_opened: "Incident opened",
  resolved: "Resolved",
};

export const formatUtc = (at: Date | string) => `${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`;
// One line of text: Markdown structure comes from the builder, never from what people typed.
const inline = (text: string) => text.replace(/\s*\n\s*/g, " ").trim();
const total = (rows: { count: number }[]) => rows.reduce((sum, row) => sum + row.count, 0);
const breakdown = (rows: { count: number }[], name: (row: never) => string) =>
  rows.length ? ` (${[...rows].sort((a, b) => b.count - a.count).map((row) => `${name(row as never)} ${row.count}`).join(", ")})` : "";

function formatValue(value: number): string {
  return Math.abs(value) <= 1 ? `${(value * 100).toFixed(1)}%` : value.toFixed(2);
}

// What to do next, from the facts only: no advice the record does not support.
export function deriveFollowUps(facts: ReportFacts): string[] {
  const followUps: string[] = [];
  const cause = facts.likelyCause;
  const metric = facts.alert?.metric;
  const rolledBack = facts.impact.fix.kind === "rollback";
  if (cause?.kind === "knowledge_base") {
    followUps.push(`Add an evaluation covering the knowledge-base change (${cause.detail}) before ${cause.label.match(/\((.+)\)/)?.[1] ?? "that version"} is promoted again.`);
  } else if (cause?.kind === "version") {
    followUps.push(`Add an evaluation for the behaviour that changed with ${cause.label}${metric ? ` (${metric})` : ""}, so the gate catches it next time.`);
  } else if (cause?.kind === "policy") {
    followUps.push(`Backtest the policy change (${cause.label}) against the stored guard requests before relying on it.`);
  } else if (cause?.kind === "provider_model") {
    followUps.push(`Pin the provider model in the version (${cause.detail}) or evaluate the new model before accepting it.`);
  } else if (facts.alert) {
    followUps.push("No change was recorded in the 48 h before the shift: look at the inputs (traffic mix, upstream data) for the cause.");
  }
  if (facts.impact.fix.kind === "rollback") {
    followUps.push(`Production runs ${facts.impact.fix.label} after the rollback: fix and re-test the rolled-back version before promoting it again.`);
  }
  if (facts.alert?.kind === "drift" && !rolledBack) {
    followUps.push(`Re-baseline the drift monitor${metric ? ` (${metric})` : ""} if the new behaviour is accepted; otherwise roll back.`);
  }
  if (facts.incident.status === "open") followUps.push("Resolve the incident with a summary once the behaviour is back to normal.");
  const denied = facts.impact.decisions.find((row) => row.verdict === "deny")?.count ?? 0;
  if (denied > 0) followUps.push(`Review the ${denied} guard denials during the incident for actions that need a policy change.`);
  return followUps;
}

export function buildIncidentReport(facts: ReportFacts): string {
  const { incident, alert, impact } = facts;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);

  push(`# Incident: ${inline(incident.title)}`, "");
  push(`- **Agent:** ${incident.agent.name} (\`${incident.agent.slug}\`)`);
  push(`- **Severity:** ${incident.severity}`);
  push(`- **Status:** ${incident.status}`);
  push(`- **Opened:** ${formatUtc(incident.openedAt)} ${incident.openedBy ? `by ${incident.openedBy}` : "automatically by Control Room"}`);
  push(`- **Resolved:** ${incident.resolvedAt ? `${formatUtc(incident.resolvedAt)} by ${incident.resolvedBy ?? "unknown"}` : "not yet"}`);
  if (alert) {
    const values = alert.baselineValue !== null && alert.currentValue !== null ? `; baseline ${formatValue(alert.baselineValue)}, then ${formatValue(alert.currentValue)}` : "";
    push(`- **Alert:** ${inline(alert.title)} (${alert.kind}, ${alert.severity}${alert.metric ? `, ${alert.metric}` : ""}${values}), opened ${formatUtc(alert.openedAt)}`);
  }
  if (incident.changePointAt) push(`- **Change point:** ${formatUtc(incident.changePointAt)}`);
  push(`- **Report generated:** ${formatUtc(facts.generatedAt)}`, "");

  push("## Summary", "", incident.summary ? inline(incident.summary) : "Not resolved yet: no resolution summary.", "");

  const until =
    impact.fix.kind === "rollback"
      ? `the rollback to ${impact.fix.label} (${formatUtc(impact.to)})`
      : impact.fix.kind === "resolution"
        ? `the resolution (${formatUtc(impact.to)})`
        : `the time of this report (${formatUtc(impact.to)}, not fixed yet)`;
  push("## Impact", "");
  push(`From the ${impact.fromWhat} (${formatUtc(impact.from)}) to ${until}, ${formatDuration(impact.to.getTime() - impact.from.getTime())}:`, "");
  push(`- **Tasks:** ${total(impact.tasks)}${breakdown(impact.tasks, (row: { outcome: string }) => row.outcome)}`);
  push(`- **Guard decisions:** ${total(impact.decisions)}${breakdown(impact.decisions, (row: { verdict: string }) => row.verdict)}`, "");

  push("## Likely cause", "");
  if (facts.likelyCause) {
    const cause = facts.likelyCause;
    push(`${cause.label} ${cause.lead} the ${impact.fromWhat === "change point" ? "shift" : impact.fromWhat} (${formatUtc(cause.at)}): ${inline(cause.detail)}.`, "");
  } else {
    push(`No change to the agent (version, knowledge base, policy, provider model) was recorded in the 48 h before the ${impact.fromWhat === "change point" ? "shift" : impact.fromWhat}.`, "");
  }

  push("## Timeline", "");
  if (facts.timeline.length === 0) push("Nothing recorded.");
  for (const entry of facts.timeline) push(`- ${formatUtc(entry.at)} — **${kindLabels[entry.kind]}** — ${inline(entry.summary)}`);
  push("");

  push("## Actions taken", "");
  if (facts.actions.length === 0) push("None recorded.");
  for (const action of facts.actions) push(`- ${formatUtc(action.at)} — ${action.by} — ${inline(action.what)}`);
  push("");

  push("## Time from alert to resolution", "");
  if (incident.timeToResolutionMs !== null) {
    push(`${formatDuration(incident.timeToResolutionMs)} (from ${alert ? "the alert" : "the incident"} at ${formatUtc(alert?.openedAt ?? incident.openedAt)} to the resolution at ${formatUtc(incident.resolvedAt as Date | string)}).`, "");
  } else {
    push(`Not resolved yet: open for ${formatDuration(facts.generatedAt.getTime() - new Date(alert?.openedAt ?? incident.openedAt).getTime())} at the time of this report.`, "");
  }

  push("## Follow-ups", "");
  for (const followUp of deriveFollowUps(facts)) push(`- ${followUp}`);
  return `${lines.join("\n").trimEnd()}\n`;
}

export const reportFilename = (incidentId: string) => `incident-${incidentId.slice(0, 8)}.md`;
