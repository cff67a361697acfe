import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import type { AgentPrincipal, UserPrincipal } from "../../lib/auth/principal";
import { checkGuard } from "../../lib/guard/check-guard";
import { decideDecision } from "../../lib/approvals/decide-decision";
import { getAgentGuardSummary } from "../../lib/guard/agent-guard-summary";
import { getBlockedPerHour } from "../../lib/guard/blocked-per-hour";
import { groupBySpan } from "../../lib/guard/guard-decision-view";
import { invalidatePolicies } from "../../lib/policies/load-policies";
import { listTraceDecisions } from "../../lib/guard/trace-decisions";
import { expectAppError, makeAgent, makeTeam, makeUser, system, type TestTeam } from "./helpers";
import { hexId, insertTrace } from "./trace-fixtures";

let team: TestTeam;
let otherTeam: TestTeam;
let viewer: UserPrincipal;
let otherViewer: UserPrincipal;
let reviewer: UserPrincipal;
let admin: UserPrincipal;
let refunds: AgentPrincipal;
let intruder: AgentPrincipal;
let trace: { traceId: string; spanIds: string[] };
const sessionId = `session-${randomUUID()}`;

async function agentWithPolicy(onTeam: TestTeam): Promise<AgentPrincipal> {
  const agent = await makeAgent(onTeam);
  await db().policy.create({
    data: {
      agentId: agent.id,
      document: {
        scope: { agent: agent.slug },
        tools: [{ tool: "refunds.issue", constraints: [{ param: "amount", op: "lte", value: 500 }] }],
        gates: [{ id: "large-refund", when: { tool: "refunds.issue", conditions: [{ param: "amount", op: "gt", value: 200 }] }, expiresInSeconds: 600 }],
      },
    },
  });
  invalidatePolicies(agent.id);
  return { kind: "agent", agentId: agent.id, agentSlug: agent.slug, teamId: onTeam.id, keyId: randomUUID() };
}

const refund = (agent: AgentPrincipal, amount: number, link: { traceId?: string; spanId?: string }) =>
  checkGuard(agent, { check: "action", sessionId, action: { tool: "refunds.issue", amount }, ...link });

beforeAll(async () => {
  team = await makeTeam("timeline");
  otherTeam = await makeTeam("timeline-other");
  viewer = await makeUser("viewer", [team.id]);
  otherViewer = await makeUser("viewer", [otherTeam.id]);
  reviewer = await makeUser("reviewer", [team.id]);
  admin = await makeUser("admin", []);
  refunds = await agentWithPolicy(team);
  intruder = await agentWithPolicy(otherTeam);
  trace = await insertTrace({
    agent: { id: refunds.agentId, teamId: team.id },
    start: new Date(),
    sessionId,
    spans: [
      { kind: "agent", startMs: 0, durationMs: 500 },
      { kind: "tool", startMs: 10, toolName: "refunds.issue" },
      { kind: "tool", startMs: 20, toolName: "refunds.issue" },
    ],
  });
});

describe("decisions on a trace", () => {
  it("lists every decision asked with the trace id, oldest first, with its span, outcome and review", async () => {
    const [, firstTool, secondTool] = trace.spanIds;
    const allowed = await refund(refunds, 50, { traceId: trace.traceId, spanId: firstTool });
    const denied = await refund(refunds, 900, { traceId: trace.traceId, spanId: secondTool.toUpperCase() });
    const held = await refund(refunds, 300, { traceId: trace.traceId.toUpperCase(), spanId: secondTool });
    const unknownSpan = await refund(refunds, 60, { traceId: trace.traceId, spanId: hexId(8) });
    const traceOnly = await refund(refunds, 70, { traceId: trace.traceId });
    expect([allowed.verdict, denied.verdict, held.verdict]).toEqual(["allow", "deny", "hold"]);

    const pending = await listTraceDecisions(viewer, trace.traceId);
    expect(pending.truncated).toBe(false);
    expect(pending.decisions.map((decision) => decision.decisionId)).toEqual([
      allowed.decisionId,
      denied.decisionId,
      held.decisionId,
      unknownSpan.decisionId,
      traceOnly.decisionId,
    ]);
    expect(pending.decisions.map((decision) => decision.outcome)).toEqual(["allow", "deny", "pending", "allow", "allow"]);
    const deniedView = pending.decisions[1];
    expect(deniedView).toMatchObject({
      agent: { slug: refunds.agentSlug },
      sessionId,
      check: "action",
      verdict: "deny",
      status: "decided",
      finalVerdict: null,
      request: { action: { tool: "refunds.issue", amount: 900 } },
      decidedBy: null,
    });
    expect(deniedView.reasons[0].code).toBe("policy_rule");
    expect(deniedView.latencyMs).toBeGreaterThanOrEqual(0);

    const { bySpan, traceLevel } = groupBySpan(pending.decisions, trace.spanIds);
    expect(bySpan.get(firstTool)?.map((decision) => decision.decisionId)).toEqual([allowed.decisionId]);
    expect(bySpan.get(secondTool)?.map((decision) => decision.decisionId)).toEqual([denied.decisionId, held.decisionId]);
    expect(traceLevel.map((decision) => decision.decisionId)).toEqual([unknownSpan.decisionId, traceOnly.decisionId]);

    await decideDecision(reviewer, held.decisionId, { verdict: "deny", note: "Refund already issued by phone" });
    const reviewed = (await listTraceDecisions(viewer, trace.traceId)).decisions.find((decision) => decision.decisionId === held.decisionId);
    expect(reviewed).toMatchObject({
      verdict: "hold",
      status: "decided",
      finalVerdict: "deny",
      outcome: "rejected",
      note: "Refund already issued by phone",
      decidedBy: { name: reviewer.name, email: reviewer.email },
    });
    expect(reviewed?.decidedAt).toEqual(expect.any(String));
  });

  it("shows a pending hold past its expiry as expired (deny)", async () => {
    const held = await refund(refunds, 250, { traceId: trace.traceId });
    await db().guardDecision.update({ where: { id: held.decisionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const view = (await listTraceDecisions(viewer, trace.traceId)).decisions.find((decision) => decision.decisionId === held.decisionId);
    expect(view).toMatchObject({ status: "pending", outcome: "expired", finalVerdict: "deny" });
  });

  it("ignores decisions another team's agent sent with this trace id", async () => {
    const planted = await refund(intruder, 900, { traceId: trace.traceId, spanId: trace.spanIds[1] });
    const { decisions } = await listTraceDecisions(admin, trace.traceId);
    expect(decisions.length).toBeGreaterThan(0);
    expect(decisions.map((decision) => decision.decisionId)).not.toContain(planted.decisionId);
  });

  it("is scoped like the trace: 404 for another team or an unknown trace, 422 for a malformed id", async () => {
    await expectAppError(listTraceDecisions(otherViewer, trace.traceId), "not_found");
    await expectAppError(listTraceDecisions(viewer, hexId(16)), "not_found");
    await expect(listTraceDecisions(viewer, "not a trace id")).rejects.toThrow();
    const agentKey = refunds;
    await expectAppError(listTraceDecisions(agentKey, trace.traceId), "forbidden");
    expect((await listTraceDecisions(admin, trace.traceId)).decisions.length).toBeGreaterThan(0);
  });
});

describe("blocked actions per hour", () => {
  const HOUR = 3_600_000;
  // A fixed "now" far from the rows other tests write, 25 minutes into an hour.
  const now = new Date(Date.UTC(2033, 4, 1, 12, 25));
  let blockTeam: TestTeam;
  let blockViewer: UserPrincipal;

  async function decisionAt(agent: { id: string; teamId: string }, verdict: "allow" | "deny" | "hold", at: Date) {
    await db().guardDecision.create({
      data: { agentId: agent.id, teamId: agent.teamId, sessionId, check: "action", verdict, latencyMs: 0.1, createdAt: at, reasons: [] },
    });
  }

  beforeAll(async () => {
    blockTeam = await makeTeam("blocked");
    blockViewer = await makeUser("viewer", [blockTeam.id]);
    const agent = await makeAgent(blockTeam);
    const other = await makeAgent(otherTeam);
    const at = (msBeforeNow: number) => new Date(now.getTime() - msBeforeNow);
    await decisionAt(agent, "deny", at(5 * 60_000)); // this hour, last 60 min
    await decisionAt(agent, "deny", at(20 * 60_000)); // this hour
    await decisionAt(agent, "hold", at(40 * 60_000)); // previous hour, last 60 min
    await decisionAt(agent, "deny", at(70 * 60_000)); // previous hour, older than 60 min
    await decisionAt(agent, "allow", at(10 * 60_000)); // not blocked
    await decisionAt(agent, "deny", at(23 * HOUR + 20 * 60_000)); // the first bucket
    await decisionAt(agent, "deny", at(23 * HOUR + 30 * 60_000)); // before the window
    await decisionAt(agent, "deny", new Date(now.getTime() + 60_000)); // after "now"
    await decisionAt(other, "deny", at(60_000)); // another team
  });

  it("counts denies and holds per clock hour over 24 hours and over the last 60 minutes", async () => {
    const blocked = await getBlockedPerHour(blockViewer, now);
    expect(blocked.hours).toHaveLength(24);
    expect(blocked.hours[23]).toEqual({ hour: "2033-05-01T12:00:00.000Z", denied: 2, held: 0 });
    expect(blocked.hours[22]).toEqual({ hour: "2033-05-01T11:00:00.000Z", denied: 1, held: 1 });
    expect(blocked.hours[0]).toEqual({ hour: "2033-04-30T13:00:00.000Z", denied: 1, held: 0 });
    expect(blocked.hours.slice(1, 22).every((hour) => hour.denied === 0 && hour.held === 0)).toBe(true);
    expect(blocked.lastHour).toEqual({ denied: 2, held: 1 });
    expect(blocked.generatedAt).toBe(now.toISOString());
  });

  it("only counts the principal's teams, and nothing for a principal without agents", async () => {
    const otherBlocked = await getBlockedPerHour(otherViewer, now);
    expect(otherBlocked.lastHour).toEqual({ denied: 1, held: 0 });
    const lonely = await makeUser("viewer", [(await makeTeam("empty")).id]);
    const empty = await getBlockedPerHour(lonely, now);
    expect(empty.lastHour).toEqual({ denied: 0, held: 0 });
    expect(empty.hours.every((hour) => hour.denied + hour.held === 0)).toBe(true);
    await expectAppError(getBlockedPerHour(refunds, now), "forbidden");
    expect((await getBlockedPerHour(system, now)).lastHour.denied).toBeGreaterThanOrEqual(3);
  });

  it("reads guard_decisions through the (agent_id, created_at) index", async () => {
    const plan = await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT count(*) FROM guard_decisions d
         WHERE d.agent_id IN ($1::uuid) AND d.created_at >= $2::timestamptz AND d.created_at <= $3::timestamptz AND d.verdict IN ('deny', 'hold')`,
        randomUUID(),
        new Date(now.getTime() - 24 * HOUR).toISOString(),
        now.toISOString(),
      );
    });
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toMatch(/guard_decisions_agent_id_created_at_idx/);
  });
});

describe("an agent's guard summary", () => {
  it("counts the last 24 hours of decisions by outcome, a lapsed hold as expired, scoped to the agent's team", async () => {
    const now = new Date(Date.UTC(2034, 2, 1, 9));
    const agent = await makeAgent(team);
    const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
    const row = (verdict: "allow" | "deny" | "hold", createdAt: Date, extra: Record<string, unknown> = {}) => ({
      agentId: agent.id,
      teamId: team.id,
      sessionId,
      check: "action",
      verdict,
      latencyMs: 0.2,
      createdAt,
      ...extra,
    });
    await db().guardDecision.createMany({
      data: [
        row("allow", at(1)),
        row("allow", at(2)),
        row("deny", at(3)),
        row("hold", at(4), { status: "pending", expiresAt: new Date(now.getTime() + 60_000) }),
        row("hold", at(5), { status: "pending", expiresAt: new Date(now.getTime() - 60_000) }),
        row("hold", at(6), { status: "decided", finalVerdict: "allow" }),
        row("hold", at(7), { status: "decided", finalVerdict: "deny" }),
        row("hold", at(8), { status: "expired", finalVerdict: "deny" }),
        row("deny", at(25 * 60)),
      ],
    });
    const summary = await getAgentGuardSummary(viewer, agent.id, now);
    expect(summary.counts).toEqual({ allow: 2, deny: 1, pending: 1, approved: 1, rejected: 1, expired: 2 });
    expect(summary.total).toBe(8);
    expect(summary.since).toBe(new Date(now.getTime() - 24 * 3_600_000).toISOString());
    await expectAppError(getAgentGuardSummary(otherViewer, agent.id, now), "not_found");
    await expectAppError(getAgentGuardSummary(viewer, randomUUID(), now), "not_found");
  });
});
