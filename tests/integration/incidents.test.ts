import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import type { UserPrincipal } from "../../lib/auth/principal";
import { raiseAlert } from "../../lib/alerts/raise-alert";
import { acknowledgeAlert } from "../../lib/alerts/change-alert-status";
import { listAlerts } from "../../lib/alerts/list-alerts";
import { createVersion } from "../../lib/versions/create-version";
import { promoteVersion } from "../../lib/versions/promote-version";
import { rollbackVersion } from "../../lib/versions/rollback-version";
import { openIncident, openMissingIncidents } from "../../lib/incidents/open-incident";
import { getIncident } from "../../lib/incidents/get-incident";
import { resolveIncident } from "../../lib/incidents/resolve-incident";
import { listIncidents } from "../../lib/incidents/list-incidents";
import { getResolutionStats } from "../../lib/incidents/resolution-stats";
import { getIncidentReport } from "../../lib/incidents/incident-report";
import { GET as reportGet } from "../../app/api/v1/incidents/[id]/report/route";
import { auditOf, expectAppError, makeAgent, makeTeam, makeUser, unique, type TestTeam } from "./helpers";

const HOUR = 3_600_000;
let team: TestTeam;
let other: TestTeam;
let admin: UserPrincipal;
let developer: UserPrincipal;
let operator: UserPrincipal;
let reviewer: UserPrincipal;
let viewer: UserPrincipal;
let outsider: UserPrincipal;

beforeAll(async () => {
  team = await makeTeam("incidents");
  other = await makeTeam("incidents-other");
  admin = await makeUser("admin");
  developer = await makeUser("developer", [team.id]);
  operator = await makeUser("operator", [team.id]);
  reviewer = await makeUser("reviewer", [team.id]);
  viewer = await makeUser("viewer", [team.id]);
  outsider = await makeUser("operator", [other.id], "outsider");
});

const bundle = (message: string, knowledgeBase: { id: string; version: string }) => ({
  prompt: "You review insurance claims.",
  model: "gpt-4o-mini",
  knowledgeBase,
  tools: [{ name: "claims.decide" }],
  message,
});

const ago = (now: Date, hours: number) => new Date(now.getTime() - hours * HOUR);

// The drift story, in the past: v1 in production 10 h ago, a provider model change 8 h ago, v2 (a new
// knowledge base) 6 h ago, the shift 3 h ago, guard denials and holds 2.5 h ago (one approved by
// a reviewer 2 h ago), tasks after the shift, and the drift alert 1 h ago.
async function driftStory(options: { severity?: "critical" | "warning" } = {}) {
  const now = new Date();
  const agent = await makeAgent(team);
  await createVersion(developer, agent.slug, bundle("first", { id: "claims-guidelines", version: "2025-11" }));
  await promoteVersion(admin, agent.slug, "v1", { stage: "production", reason: "first deploy" });
  await createVersion(developer, agent.slug, bundle("new guidelines", { id: "claims-guidelines", version: "2026-12" }));
  await promoteVersion(admin, agent.slug, "v2", { stage: "production", reason: "new guidelines" });
  await db().deploymentEvent.updateMany({ where: { agentId: agent.id, label: "v1" }, data: { at: ago(now, 10) } });
  await db().deploymentEvent.updateMany({ where: { agentId: agent.id, label: "v2" }, data: { at: ago(now, 6) } });
  await db().modelChange.create({ data: { agentId: agent.id, at: ago(now, 8), version: "v1", fromModel: "gpt-4o-mini-2024-07-18", toModel: "gpt-4o-mini-2026-11-01" } });

  const decided = ago(now, 2.5);
  const decision = (verdict: "allow" | "deny" | "hold", extra: Record<string, unknown> = {}) => ({
    agentId: agent.id,
    teamId: team.id,
    sessionId: `s-${unique()}`,
    check: "action",
    workflow: "claims",
    decisionType: "payout",
    verdict,
    latencyMs: 3,
    createdAt: decided,
    ...extra,
  });
  await db().guardDecision.createMany({
    data: [
      decision("deny"),
      decision("deny"),
      decision("deny"),
      decision("hold", { status: "decided", decidedById: reviewer.userId, decidedAt: ago(now, 2), finalVerdict: "allow", decisionNote: "covered" }),
      decision("hold", { status: "pending" }),
      decision("allow"),
    ],
  });
  const task = (outcome: string, hours: number) => ({
    traceId: `t-${unique()}`,
    agentId: agent.id,
    teamId: team.id,
    outcome,
    startTime: ago(now, hours),
    endTime: ago(now, hours),
  });
  await db().trace.createMany({ data: [task("approved", 2.9), task("approved", 2), task("approved", 1.5), task("rejected", 1.2), task("approved", 4)] });

  const alertId = await raiseAlert({
    kind: "drift",
    severity: options.severity ?? "warning",
    agentId: agent.id,
    teamId: team.id,
    title: "Approval rate drifted: 85.0% → 91.0%",
    metric: "outcome_rate:approved",
    dedupeKey: `test:${unique()}`,
    details: { baselineValue: 0.85, currentValue: 0.91, statistic: 4.2, threshold: 3, changePointAt: ago(now, 3).toISOString(), changesNear: [], version: "v2" },
  });
  if (!alertId) throw new Error("the alert was not raised");
  await db().alert.update({ where: { id: alertId }, data: { openedAt: ago(now, 1) } });
  return { agent, alertId, now };
}

const waitFor = async <T,>(read: () => Promise<T | null>, timeoutMs = 5_000): Promise<T> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe("opening an incident", () => {
  it("an operator opens one from an alert: audited, the change point copied, the alert names it; a second time is 409 pointing at the first", async () => {
    const { agent, alertId } = await driftStory();
    const incident = await openIncident(operator, { alertId, agent: agent.slug, title: "Claims approvals up", severity: "warning" });
    expect(incident).toMatchObject({ status: "open", openedBy: operator.email, agent: { slug: agent.slug }, alert: { id: alertId, metric: "outcome_rate:approved" }, timeToResolutionMs: null });
    expect(incident.changePointAt).toBeInstanceOf(Date);
    expect((await auditOf(incident.id)).map((entry) => [entry.action, entry.actorLabel])).toEqual([["incident.open", operator.email]]);
    expect((await listAlerts(operator, { agent: agent.slug }))[0]).toMatchObject({ id: alertId, incidentId: incident.id });

    const conflict = await expectAppError(openIncident(admin, { alertId, agent: agent.slug, title: "again", severity: "critical" }), "conflict");
    expect(conflict.details).toMatchObject({ incidentId: incident.id });
    expect(await db().incident.count({ where: { alertId } })).toBe(1);
  });

  it("concurrent opens from the same alert make one incident", async () => {
    const { agent, alertId } = await driftStory();
    const results = await Promise.allSettled([1, 2, 3].map(() => openIncident(operator, { alertId, agent: agent.slug, title: "race", severity: "warning" })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db().incident.count({ where: { alertId } })).toBe(1);
  });

  it("without an alert; an alert about another agent is refused; roles without incidents:open get 403; another team's agent or alert is 404", async () => {
    const { agent, alertId } = await driftStory();
    const second = await makeAgent(team);
    const plain = await openIncident(admin, { agent: second.slug, title: "Manual", severity: "info" });
    expect(plain).toMatchObject({ alert: null, changePointAt: null, openedBy: admin.email });
    await expectAppError(openIncident(operator, { alertId, agent: second.slug, title: "wrong agent", severity: "info" }), "validation_failed");
    for (const user of [viewer, developer, reviewer]) await expectAppError(openIncident(user, { alertId, agent: agent.slug, title: "x", severity: "info" }), "forbidden");
    await expectAppError(openIncident(outsider, { agent: agent.slug, title: "x", severity: "info" }), "not_found");
    const outsiderAgent = await makeAgent(other);
    await expectAppError(openIncident(outsider, { alertId, agent: outsiderAgent.slug, title: "x", severity: "info" }), "not_found");
    await expectAppError(openIncident(operator, { alertId: randomUUID(), agent: agent.slug, title: "x", severity: "info" }), "not_found");
  });

  it("a critical alert opens its incident by itself, once, labelled as opened by Control Room", async () => {
    const { agent, alertId } = await driftStory({ severity: "critical" });
    const incident = await waitFor(() => db().incident.findUnique({ where: { alertId } }));
    expect(incident).toMatchObject({ agentId: agent.id, openedBy: null, severity: "critical", status: "open" });
    expect((await auditOf(incident.id)).map((entry) => [entry.action, entry.actorLabel])).toEqual([["incident.open", "Control Room"]]);
    await expectAppError(openIncident(operator, { alertId, agent: agent.slug, title: "x", severity: "critical" }), "conflict");
    const { timeline } = await getIncident(viewer, incident.id);
    expect(timeline.find((entry) => entry.kind === "incident_opened")?.summary).toMatch(/^Control Room opened the incident by itself/);
  });

  it("a critical alert whose reaction was missed gets its incident from the catch-up pass, once", async () => {
    const agent = await makeAgent(team);
    // Written without the event: as if no process had received it.
    const alert = await db().alert.create({ data: { kind: "drift", severity: "critical", agentId: agent.id, teamId: team.id, title: "missed", dedupeKey: `test:${unique()}` } });
    const resolved = await db().alert.create({ data: { kind: "drift", severity: "critical", agentId: agent.id, teamId: team.id, title: "over", status: "resolved", dedupeKey: `test:${unique()}` } });
    const opened = await openMissingIncidents();
    const incident = await db().incident.findUniqueOrThrow({ where: { alertId: alert.id } });
    expect(opened).toContain(incident.id);
    expect(incident).toMatchObject({ openedBy: null, title: "missed" });
    expect(await db().incident.count({ where: { alertId: resolved.id } })).toBe(0);
    expect(await openMissingIncidents()).not.toContain(incident.id);
    expect(await db().incident.count({ where: { alertId: alert.id } })).toBe(1);
  });

  it("a warning alert opens none by itself", async () => {
    const { alertId } = await driftStory();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await db().incident.count({ where: { alertId } })).toBe(0);
  });
});

describe("the timeline", () => {
  it("assembles the changes before the shift, guard decisions (counted), approvals, the alert and the actions, oldest first", async () => {
    const { agent, alertId } = await driftStory();
    await acknowledgeAlert(operator, alertId, { note: "looking" });
    const opened = await openIncident(operator, { alertId, agent: agent.slug, title: "Claims approvals up", severity: "warning" });
    const { incident, timeline } = await getIncident(viewer, opened.id);
    expect(incident.id).toBe(opened.id);
    expect(timeline.map((entry) => entry.kind)).toEqual(["version", "provider_model", "version", "knowledge_base", "decision", "approval", "alert", "acknowledged", "incident_opened"]);
    const times = timeline.map((entry) => new Date(entry.at).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const summaries = timeline.map((entry) => entry.summary);
    expect(summaries[3]).toBe("Knowledge base updated (v2): claims-guidelines 2025-11 → claims-guidelines 2026-12");
    expect(summaries[4]).toBe("Guard: 3 denied, 2 held for approval (in this hour)");
    expect(summaries[5]).toBe(`${reviewer.email} approved a held claims.payout: covered`);
    expect(summaries[6]).toBe("Alert (warning): Approval rate drifted: 85.0% → 91.0% (baseline 85.0%, now 91.0%)");
    expect(summaries[7]).toBe(`${operator.email} acknowledged the alert: looking`);
    // A version change opens as the diff of the two versions on the compare page.
    expect(timeline[3].ref?.href).toBe(`/agents/${agent.slug}/versions/compare?base=v1&head=v2`);
    expect(timeline[4].ref).toMatchObject({ type: "decisions" });
    expect(timeline[4].ref?.href).toContain(`/decisions?agent=${agent.slug}`);
  });

  it("thousands of decisions become at most ~50 rows with their counts", async () => {
    const { agent, alertId, now } = await driftStory();
    const rows = Array.from({ length: 2000 }, (_, index) => ({
      agentId: agent.id,
      teamId: team.id,
      sessionId: `bulk-${index}`,
      check: "action",
      verdict: "deny" as const,
      latencyMs: 1,
      createdAt: new Date(now.getTime() - 50 * HOUR + index * 89_000),
    }));
    await db().guardDecision.createMany({ data: rows });
    const opened = await openIncident(operator, { alertId, agent: agent.slug, title: "noisy", severity: "warning" });
    const { timeline } = await getIncident(viewer, opened.id);
    const decisionRows = timeline.filter((entry) => entry.kind === "decision");
    expect(decisionRows.length).toBeLessThanOrEqual(50);
    const denied = decisionRows.reduce((sum, entry) => sum + Number(/(\d+) denied/.exec(entry.summary)?.[1] ?? 0), 0);
    // 50 hours of denials: merged into 2-hour rows, every one counted (plus the story's three).
    expect(decisionRows.length).toBeGreaterThan(20);
    expect(denied).toBe(rows.length + 3);
  });
});

describe("rolling back and resolving", () => {
  it("the rollback shows on the timeline; resolving records who and the summary, resolves the alert too, once", async () => {
    const { agent, alertId } = await driftStory();
    const opened = await openIncident(operator, { alertId, agent: agent.slug, title: "Claims approvals up", severity: "warning" });
    await rollbackVersion(operator, agent.slug, { reason: "approvals drifted after v2" });
    const before = await getIncident(viewer, opened.id);
    expect(before.timeline.at(-1)).toMatchObject({ kind: "rollback", summary: `Rolled back to v1: v2 → v1 by ${operator.email}: approvals drifted after v2` });

    for (const user of [viewer, developer, reviewer]) await expectAppError(resolveIncident(user, opened.id, { summary: "x" }), "forbidden");
    await expect(resolveIncident(operator, opened.id, { summary: " " })).rejects.toThrow();
    const resolved = await resolveIncident(operator, opened.id, { summary: "Rolled back to v1; the v2 guidelines approve too much" });
    expect(resolved).toMatchObject({ status: "resolved", resolvedBy: operator.email, summary: "Rolled back to v1; the v2 guidelines approve too much" });
    // From the alert (opened an hour ago) to now.
    expect(resolved.timeToResolutionMs).toBeGreaterThanOrEqual(HOUR);
    expect(resolved.timeToResolutionMs).toBeLessThan(HOUR + 60_000);
    const alert = await db().alert.findUniqueOrThrow({ where: { id: alertId } });
    expect(alert).toMatchObject({ status: "resolved", resolvedBy: operator.email, resolveNote: "Rolled back to v1; the v2 guidelines approve too much" });
    expect((await auditOf(alertId)).map((entry) => entry.action)).toEqual(["alert.resolve"]);
    expect((await auditOf(opened.id)).map((entry) => entry.action)).toEqual(["incident.open", "incident.resolve"]);

    await expectAppError(resolveIncident(admin, opened.id, { summary: "again" }), "conflict");
    const after = await getIncident(viewer, opened.id);
    expect(after.timeline.slice(-2).map((entry) => entry.kind)).toEqual(["rollback", "resolved"]);
    expect(after.timeline.filter((entry) => entry.kind === "resolved")).toHaveLength(1);
  });

  it("an alert already resolved stays as it was", async () => {
    const { agent, alertId } = await driftStory();
    const opened = await openIncident(operator, { alertId, agent: agent.slug, title: "x", severity: "warning" });
    await db().alert.update({ where: { id: alertId }, data: { status: "resolved", resolvedBy: "someone", resolveNote: "earlier" } });
    await resolveIncident(admin, opened.id, { summary: "done" });
    expect(await db().alert.findUniqueOrThrow({ where: { id: alertId } })).toMatchObject({ resolvedBy: "someone", resolveNote: "earlier" });
  });
});

describe("the report", () => {
  it("says what happened: impact up to the rollback, the likely cause, actions, time to resolution and follow-ups", async () => {
    const { agent, alertId } = await driftStory();
    await acknowledgeAlert(operator, alertId, {});
    const opened = await openIncident(operator, { alertId, agent: agent.slug, title: "Claims approvals up", severity: "warning" });
    await rollbackVersion(operator, agent.slug, { reason: "approvals drifted after v2" });
    await resolveIncident(operator, opened.id, { summary: "Rolled back to v1" });

    const { filename, markdown } = await getIncidentReport(viewer, opened.id);
    expect(filename).toBe(`incident-${opened.id.slice(0, 8)}.md`);
    expect(markdown).toMatch(/^# Incident: Claims approvals up\n/);
    expect(markdown).toContain("## Summary\n\nRolled back to v1\n");
    // The shift was 3 h ago; the rollback just now: 4 of the 5 tasks and all 6 decisions fall between.
    expect(markdown).toMatch(/From the change point \(.+\) to the rollback to v1 \(.+\), 3 h/);
    expect(markdown).toContain("- **Tasks:** 4 (approved 3, rejected 1)");
    expect(markdown).toContain("- **Guard decisions:** 6 (deny 3, allow 2, hold 1)");
    expect(markdown).toContain("## Likely cause\n\nKnowledge base updated (v2) 3 h before the shift");
    expect(markdown).not.toMatch(/Provider model changed.* before the shift/);
    expect(markdown).toContain("**Provider model** — Provider model changed (v1)");
    expect(markdown).toMatch(new RegExp(`— ${operator.email} — acknowledged the alert\\n`));
    expect(markdown).toMatch(new RegExp(`— ${operator.email} — opened the incident\\n`));
    expect(markdown).toMatch(new RegExp(`— ${operator.email} — rolled production back to v1: approvals drifted after v2\\n`));
    expect(markdown).toMatch(new RegExp(`— ${operator.email} — resolved the incident: Rolled back to v1\\n`));
    expect(markdown).toMatch(/## Time from alert to resolution\n\n1 h/);
    expect(markdown).toContain("- Add an evaluation covering the knowledge-base change (claims-guidelines 2025-11 → claims-guidelines 2026-12) before v2 is promoted again.");
    expect(markdown).toContain("- Production runs v1 after the rollback");
    expect(markdown).not.toContain("Re-baseline");
    expect(markdown).toContain("**Rollback** — Rolled back to v1");
  });

  it("the route answers a Markdown attachment; another team's incident is not found", async () => {
    const { agent, alertId } = await driftStory();
    const opened = await openIncident(operator, { alertId, agent: agent.slug, title: "Download me", severity: "warning" });
    await expectAppError(getIncidentReport(outsider, opened.id), "not_found");
    const response = await reportGet(new NextRequest(`http://localhost/api/v1/incidents/${opened.id}/report`, { headers: { authorization: "Bearer nope" } }), {
      params: Promise.resolve({ id: opened.id }),
    });
    expect(response.status).toBe(401);
  });
});

describe("listing and scoping", () => {
  it("lists the caller's teams' incidents newest first, by status and agent, a page at a time; others see nothing of them", async () => {
    const { agent, alertId } = await driftStory();
    const first = await openIncident(operator, { alertId, agent: agent.slug, title: "first", severity: "warning" });
    const second = await openIncident(operator, { agent: agent.slug, title: "second", severity: "info" });
    const third = await openIncident(operator, { agent: agent.slug, title: "third", severity: "info" });
    await resolveIncident(operator, second.id, { summary: "done" });

    const all = await listIncidents(viewer, { agent: agent.slug });
    expect(all.incidents.map((incident) => incident.id)).toEqual([third.id, second.id, first.id]);
    expect((await listIncidents(viewer, { agent: agent.slug, status: "open" })).incidents.map((incident) => incident.id)).toEqual([third.id, first.id]);
    const page1 = await listIncidents(viewer, { agent: agent.slug, limit: 2 });
    expect(page1.incidents).toHaveLength(2);
    const page2 = await listIncidents(viewer, { agent: agent.slug, limit: 2, cursor: page1.nextCursor ?? undefined });
    expect(page2).toMatchObject({ incidents: [{ id: first.id }], nextCursor: null });

    expect((await listIncidents(outsider, {})).incidents.map((incident) => incident.id)).not.toContain(first.id);
    await expectAppError(getIncident(outsider, first.id), "not_found");
    await expectAppError(getIncident(outsider, "not-a-uuid"), "not_found");
    await expectAppError(resolveIncident(outsider, first.id, { summary: "x" }), "not_found");
    expect((await listIncidents(admin, { agent: agent.slug })).incidents).toHaveLength(3);
  });

  it("the overview's median time to resolution counts the caller's teams' incidents resolved in the last 30 days", async () => {
    const lonely = await makeTeam("incidents-median");
    const member = await makeUser("viewer", [lonely.id]);
    expect(await getResolutionStats(member)).toMatchObject({ medianMs: null, resolved: 0, open: 0 });
    const agent = await makeAgent(lonely);
    const now = Date.now();
    const make = (openedHoursAgo: number, resolvedHoursAgo: number | null) => ({
      agentId: agent.id,
      teamId: lonely.id,
      title: "t",
      severity: "warning",
      openedAt: new Date(now - openedHoursAgo * HOUR),
      ...(resolvedHoursAgo === null ? {} : { status: "resolved" as const, resolvedAt: new Date(now - resolvedHoursAgo * HOUR), resolvedBy: "x" }),
    });
    await db().incident.createMany({ data: [make(5, 4), make(10, 7), make(20, 10), make(40 * 24, 35 * 24), make(2, null)] });
    expect(await getResolutionStats(member)).toMatchObject({ medianMs: 3 * HOUR, resolved: 3, open: 1 });
    expect((await getResolutionStats(outsider)).resolved).toBe(0);
  });
});
