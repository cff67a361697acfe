import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import type { AgentPrincipal, UserPrincipal } from "../../lib/auth/principal";
import { decideDecision } from "../../lib/approvals/decide-decision";
import { checkGuard } from "../../lib/guard/check-guard";
import type { StepDecision } from "../../lib/guard/guard-decision-view";
import { withStepDecisions } from "../../lib/guard/session-step-decisions";
import { invalidatePolicies } from "../../lib/policies/load-policies";
import { getSession } from "../../lib/traces/get-session";
import { expectAppError, makeAgent, makeTeam, makeUser, type TestTeam } from "./helpers";
import { insertTrace } from "./trace-fixtures";

// The session replay's "why": each step with the guard decisions that gated it, the rule that decided,
// the policy scope versions and the agent version, and nothing another trace or agent asked.
let team: TestTeam;
let otherTeam: TestTeam;
let viewer: UserPrincipal;
let otherViewer: UserPrincipal;
let reviewer: UserPrincipal;
let admin: UserPrincipal;
let refunds: AgentPrincipal;
let sameTeamAgent: AgentPrincipal;
let otherTeamAgent: AgentPrincipal;
let trace: { traceId: string; spanIds: string[] };
const sessionId = `why-${randomUUID()}`;

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

const refund = (agent: AgentPrincipal, amount: number, link: { sessionId?: string; traceId?: string; spanId?: string }) =>
  checkGuard(agent, { check: "action", sessionId, version: "v2", action: { tool: "refunds.issue", amount }, ...link });

const decisionsOnSteps = (turns: { steps: { guard?: StepDecision[] }[] }[]) => turns.flatMap((turn) => turn.steps.flatMap((step) => step.guard ?? []));

beforeAll(async () => {
  team = await makeTeam("why");
  otherTeam = await makeTeam("why-other");
  viewer = await makeUser("viewer", [team.id]);
  otherViewer = await makeUser("viewer", [otherTeam.id]);
  reviewer = await makeUser("reviewer", [team.id]);
  admin = await makeUser("admin", []);
  refunds = await agentWithPolicy(team);
  sameTeamAgent = await agentWithPolicy(team);
  otherTeamAgent = await agentWithPolicy(otherTeam);
  trace = await insertTrace({
    agent: { id: refunds.agentId, teamId: team.id },
    start: new Date(),
    sessionId,
    spans: [
      { kind: "agent", startMs: 0, durationMs: 500, input: "Refund order 7 and order 9" },
      { kind: "tool", startMs: 10, toolName: "refunds.issue", input: '{"amount":50}' },
      { kind: "tool", startMs: 20, toolName: "refunds.issue", input: '{"amount":300}' },
    ],
  });
  await db().trace.update({ where: { traceId: trace.traceId }, data: { version: "v2" } });
});

describe("withStepDecisions", () => {
  it("puts each decision on the step it gated with its rule, policy version, agent version and review", async () => {
    const [, firstTool, secondTool] = trace.spanIds;
    const allowed = await refund(refunds, 50, { traceId: trace.traceId, spanId: firstTool });
    const held = await refund(refunds, 300, { traceId: trace.traceId.toUpperCase(), spanId: secondTool.toUpperCase() });
    const traceOnly = await refund(refunds, 900, { traceId: trace.traceId });
    expect([allowed.verdict, held.verdict, traceOnly.verdict]).toEqual(["allow", "hold", "deny"]);
    await decideDecision(reviewer, held.decisionId, { verdict: "allow", note: "Customer is a long-time client" });

    // Must not appear: the same agent in another trace and session; another agent (same team and
    // another team) sending this session's id and this trace's id and span.
    const elsewhere = await refund(refunds, 60, { sessionId: `why-elsewhere-${randomUUID()}`, traceId: "ab".repeat(16) });
    const planted = await refund(sameTeamAgent, 70, { traceId: trace.traceId, spanId: firstTool });
    const plantedAcross = await refund(otherTeamAgent, 80, { traceId: trace.traceId, spanId: firstTool });

    const replay = await withStepDecisions(viewer, await getSession(viewer, sessionId));
    const [turn] = replay.turns;
    expect(turn.version).toBe("v2");
    const onStep = (spanId: string) => turn.steps.filter((step) => step.span?.spanId === spanId).flatMap((step) => step.guard ?? []);

    const [allowedView] = onStep(firstTool);
    expect(onStep(firstTool).map((decision) => decision.decisionId)).toEqual([allowed.decisionId]);
    expect(allowedView).toMatchObject({ link: "span", outcome: "allow", version: "v2", rule: { id: "tools:refunds.issue" }, policyScopes: [{ scopeKey: "agent", version: 1 }] });

    const secondStep = onStep(secondTool);
    expect(secondStep.map((decision) => decision.decisionId)).toEqual([held.decisionId, traceOnly.decisionId]);
    expect(secondStep[0]).toMatchObject({
      link: "span",
      outcome: "approved",
      rule: { id: "gates:large-refund" },
      decidedBy: { name: reviewer.name },
      note: "Customer is a long-time client",
    });
    // No span named: placed by tool and time on the last refunds.issue call before it was asked.
    expect(secondStep[1]).toMatchObject({ link: "time", outcome: "deny", rule: { id: "tools:refunds.issue.constraints" } });
    // The tool step shows what the agent sent beside the decision.
    expect(turn.steps.find((step) => step.span?.spanId === secondTool)?.span?.input).toBe('{"amount":300}');

    const shown = [...decisionsOnSteps(replay.turns), ...replay.guard.sessionLevel].map((decision) => decision.decisionId);
    expect(shown).toHaveLength(3);
    for (const hidden of [elsewhere, planted, plantedAcross]) expect(shown).not.toContain(hidden.decisionId);
    expect(replay.guard.truncated).toBe(false);

    // An admin sees every team, and still only the decisions of the agent that ran the turn.
    const asAdmin = await withStepDecisions(admin, await getSession(admin, sessionId));
    expect(decisionsOnSteps(asAdmin.turns).map((decision) => decision.decisionId).sort()).toEqual([allowed.decisionId, held.decisionId, traceOnly.decisionId].sort());
  });

  it("keeps a decision of this session without a replayed trace session-level", async () => {
    const loose = await refund(refunds, 40, {});
    const replay = await withStepDecisions(viewer, await getSession(viewer, sessionId));
    expect(replay.guard.sessionLevel.map((decision) => decision.decisionId)).toEqual([loose.decisionId]);
    expect(replay.guard.sessionLevel[0].link).toBe("trace");
  });

  it("is scoped like the session: another team's viewer gets 404, an agent key is refused", async () => {
    await expectAppError(getSession(otherViewer, sessionId), "not_found");
    const session = await getSession(viewer, sessionId);
    await expectAppError(withStepDecisions(refunds, session), "forbidden");
    // Handed a session it may not see, another team's viewer gets none of its decisions.
    const theirs = await withStepDecisions(otherViewer, session);
    expect(decisionsOnSteps(theirs.turns)).toEqual([]);
    expect(theirs.guard.sessionLevel).toEqual([]);
  });
});
