import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import type { AgentPrincipal, UserPrincipal } from "../../lib/auth/principal";
import { changeAgentStatus } from "../../lib/agents/change-agent-status";
import { checkGuard } from "../../lib/guard/check-guard";
import { getDecision } from "../../lib/guard/get-decision";
import { decideDecision } from "../../lib/approvals/decide-decision";
import { listHeld } from "../../lib/approvals/list-held";
import { listRecentlyDecided } from "../../lib/approvals/list-recently-decided";
import { invalidatePolicies } from "../../lib/policies/load-policies";
import { forgetCachedAgents } from "../../lib/agents/cached-agents";
import { auditOf, expectAppError, makeAgent, makeTeam, makeUser, onPostgres, type TestTeam } from "./helpers";

// A paused or terminated agent's held actions must never be released: pausing denies the ones waiting
// (reason agent_paused, decided by the system, audited, waiters woken), and a reviewer's approval of
// a non-active agent's hold is refused, read under a lock so a concurrent pause cannot slip between.

let team: TestTeam;
let reviewer: UserPrincipal;
let operator: UserPrincipal;

async function purchasingAgent(): Promise<AgentPrincipal> {
  const agent = await makeAgent(team);
  await db().policy.create({
    data: {
      agentId: agent.id,
      document: {
        scope: { agent: agent.slug },
        tools: [{ tool: "purchase.create" }],
        gates: [{ id: "large-purchase", when: { tool: "purchase.create", conditions: [{ param: "amount", op: "gt", value: 1000 }] }, expiresInSeconds: 600 }],
      },
    },
  });
  invalidatePolicies(agent.id);
  return { kind: "agent", agentId: agent.id, agentSlug: agent.slug, teamId: team.id, keyId: randomUUID() };
}

async function holdPurchase(agent: AgentPrincipal, amount = 5000) {
  const decision = await checkGuard(agent, { check: "action", sessionId: `session-${randomUUID()}`, action: { tool: "purchase.create", amount } });
  expect(decision.verdict).toBe("hold");
  return decision;
}

beforeAll(async () => {
  team = await makeTeam("approvals-pause");
  reviewer = await makeUser("reviewer", [team.id]);
  operator = await makeUser("operator", [team.id]);
});

describe("pausing an agent with held actions", () => {
  it("denies them at once (agent_paused): the waiting long-poll gets deny, and a reviewer's approval is refused", async () => {
    const agent = await purchasingAgent();
    const held = await holdPurchase(agent);
    const other = await holdPurchase(agent, 2500);
    const waiting = getDecision(agent, held.decisionId, { wait: "20" });

    await changeAgentStatus(operator, agent.agentSlug, "pause", { reason: "runaway purchases" });

    const answer = await waiting;
    expect(answer).toMatchObject({ decisionId: held.decisionId, verdict: "deny", reasons: [{ code: "agent_paused" }] });
    expect(answer.reasons[0].message).toMatch(/paused/);
    expect(answer.decidedAt).toBeTruthy();
    expect(await getDecision(agent, other.decisionId)).toMatchObject({ verdict: "deny", reasons: [{ code: "agent_paused" }] });

    const refused = await expectAppError(decideDecision(reviewer, held.decisionId, { verdict: "allow", note: "looks fine" }), "conflict");
    expect(refused.message).toMatch(new RegExp(`${agent.agentSlug} is paused`));
    expect(await getDecision(agent, held.decisionId)).toMatchObject({ verdict: "deny" });
    expect((await listHeld(reviewer)).some((item) => item.decisionId === held.decisionId)).toBe(false);

    // Decided by the system, audited per decision, after the pause that caused it.
    const [pause] = (await auditOf(agent.agentId)).filter((entry) => entry.action === "agent.pause");
    const [denial] = await auditOf(held.decisionId);
    expect(denial).toMatchObject({ action: "approval.deny", actorType: "system", teamId: team.id });
    expect(denial.after).toMatchObject({ status: "decided", verdict: "deny", reason: "agent_paused", cause: { action: "agent.pause", by: operator.email } });
    expect(denial.seq).toBeGreaterThan(pause.seq);

    // The reviewer's history says why it left the queue.
    const recent = await listRecentlyDecided(reviewer);
    expect(recent.find((item) => item.decisionId === held.decisionId)).toMatchObject({ outcome: "denied", reason: "agent_paused", decidedBy: null });
  });

  it("denies them on terminate too", async () => {
    const agent = await purchasingAgent();
    const held = await holdPurchase(agent);
    await changeAgentStatus(await makeUser("admin"), agent.agentSlug, "terminate", { reason: "retired" });
    const answer = await getDecision(agent, held.decisionId);
    expect(answer).toMatchObject({ verdict: "deny", reasons: [{ code: "agent_paused" }] });
    expect(answer.reasons[0].message).toMatch(/terminated/);
    await expectAppError(decideDecision(reviewer, held.decisionId, { verdict: "allow" }), "conflict");
  });

  it("leaves the held actions of other agents, and decided ones, as they were", async () => {
    const paused = await purchasingAgent();
    const bystander = await purchasingAgent();
    const approvedBefore = await holdPurchase(paused);
    await decideDecision(reviewer, approvedBefore.decisionId, { verdict: "allow", note: "ok before the pause" });
    const othersHold = await holdPurchase(bystander);
    await changeAgentStatus(operator, paused.agentSlug, "pause");
    expect(await getDecision(paused, approvedBefore.decisionId)).toMatchObject({ verdict: "allow", note: "ok before the pause" });
    expect(await getDecision(bystander, othersHold.decisionId)).toMatchObject({ verdict: "hold" });
    expect(await decideDecision(reviewer, othersHold.decisionId, { verdict: "allow" })).toMatchObject({ verdict: "allow" });
  });

  it("refuses to approve a hold of a paused agent that slipped past the pause, but lets a reviewer reject it", async () => {
    // A guard call that read the agent as active from its cache just before the pause can store a hold
    // after the pause denied the waiting ones: the approval is refused on the agent's status itself.
    const agent = await purchasingAgent();
    await changeAgentStatus(operator, agent.agentSlug, "pause");
    const late = await db().guardDecision.create({
      data: { agentId: agent.agentId, teamId: team.id, sessionId: "late", check: "action", verdict: "hold", status: "pending", latencyMs: 1, expiresAt: new Date(Date.now() + 600_000), request: { action: { tool: "purchase.create", amount: 5000 } }, reasons: [{ code: "approval_required", message: "held" }] },
    });
    const queued = (await listHeld(reviewer)).find((item) => item.decisionId === late.id);
    expect(queued?.agent).toMatchObject({ slug: agent.agentSlug, status: "paused" });
    const refused = await expectAppError(decideDecision(reviewer, late.id, { verdict: "allow" }), "conflict");
    expect(refused.message).toMatch(/paused/);
    expect(refused.details).toMatchObject({ reason: "agent_paused", agentStatus: "paused" });
    expect(await decideDecision(reviewer, late.id, { verdict: "deny", note: "agent is paused" })).toMatchObject({ verdict: "deny" });
  });

  // Two connections are needed to interleave the transactions; PGlite has one.
  it.runIf(onPostgres)("refuses an approval that started while a pause was being committed", async () => {
    const agent = await purchasingAgent();
    const held = await holdPurchase(agent);
    let pauseLocked!: () => void;
    let commitPause!: () => void;
    const locked = new Promise<void>((resolve) => (pauseLocked = resolve));
    const mayCommit = new Promise<void>((resolve) => (commitPause = resolve));
    // A pause in flight that has not (yet) seen this hold, as if the hold were stored just after it.
    const pause = db().$transaction(
      async (tx) => {
        await tx.$executeRaw`UPDATE agents SET status = 'paused' WHERE id = ${agent.agentId}::uuid`;
        pauseLocked();
        await mayCommit;
      },
      { timeout: 60_000 },
    );
    await locked;
    const deciding = decideDecision(reviewer, held.decisionId, { verdict: "allow", note: "racing the pause" }).then(
      (view) => ({ ok: true as const, view }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    // Behaviour, not timing: wait until the approval is blocked on the agent row (or has finished).
    let settled = false;
    void deciding.then(() => (settled = true));
    for (let tries = 0; tries < 600 && !settled; tries += 1) {
      const [{ waiting }] = await db().$queryRaw<{ waiting: bigint }[]>`
        SELECT count(*) AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%FROM "agents"%FOR SHARE%'`;
      if (waiting > 0n) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    commitPause();
    await pause;
    forgetCachedAgents();
    const result = await deciding;
    expect(result.ok, "the approval went through although the agent was paused before it committed").toBe(false);
    expect(await getDecision(agent, held.decisionId)).not.toMatchObject({ verdict: "allow" });
  });
});
