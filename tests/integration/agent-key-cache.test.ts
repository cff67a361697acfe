import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgentKey } from "../../lib/keys/create-key";
import { revokeKey } from "../../lib/keys/revoke-key";
import { changeAgentStatus } from "../../lib/agents/change-agent-status";
import { updateAgent } from "../../lib/agents/update-agent";
import { authenticateKeyCached } from "../../lib/http/agent-key-cache";
import type { UserPrincipal } from "../../lib/auth/principal";
import { db } from "../../lib/db/client";
import { checkGuard } from "../../lib/guard/check-guard";
import { setTeamBudgets } from "../../lib/budgets/set-team-budgets";
import { waitForDecision } from "../../lib/guard/decision-events";
import { startEventListener, stopEventListener } from "../../lib/events/listen-for-events";
import { apiKeyRevoked } from "../../lib/keys/events";
import { agentStatusChanged } from "../../lib/agents/events";
import { heldActionSettled } from "../../lib/approvals/events";
import { notifyAsAnotherReplica } from "./replica-events";
import { expectAppError, makeAgent, makeTeam, makeUser, type TestTeam } from "./helpers";

// What is cached about agents (keys, the guard's view of the agent) against the real lib writers: what
// they change is seen on the next call, here at once and on other replicas through NOTIFY.
let team: TestTeam;
let admin: UserPrincipal;

beforeAll(async () => {
  team = await makeTeam("key-cache");
  admin = await makeUser("admin", []);
});

describe("agent key cache", () => {
  it("refuses a revoked key on the next request", async () => {
    const agent = await makeAgent(team);
    const { key, apiKey } = await createAgentKey(admin, agent.slug, { name: "cached" });
    expect(await authenticateKeyCached(key)).toMatchObject({ kind: "agent", agentId: agent.id, keyId: apiKey.id });
    await revokeKey(admin, apiKey.id);
    await expectAppError(authenticateKeyCached(key), "unauthenticated");
  });

  it("refuses a terminated agent's key and follows a move to another team", async () => {
    const other = await makeTeam("key-cache-other");
    const agent = await makeAgent(team);
    const { key } = await createAgentKey(admin, agent.slug, { name: "cached" });
    expect(await authenticateKeyCached(key)).toMatchObject({ teamId: team.id });
    await updateAgent(admin, agent.slug, { team: other.id });
    expect(await authenticateKeyCached(key)).toMatchObject({ teamId: other.id });
    await changeAgentStatus(admin, agent.slug, "terminate");
    await expectAppError(authenticateKeyCached(key), "forbidden");
  });

  it("forgets cached keys when another replica announces a key change over LISTEN/NOTIFY", async () => {
    await startEventListener();
    const agent = await makeAgent(team);
    const { key, apiKey } = await createAgentKey(admin, agent.slug, { name: "cached" });
    expect(await authenticateKeyCached(key)).toMatchObject({ kind: "agent" });
    // Another replica revokes it: the row changes and it notifies, but this process's cache is not told directly.
    await db().$transaction(async (tx) => {
      await tx.apiKey.update({ where: { id: apiKey.id }, data: { revokedAt: new Date() } });
      await notifyAsAnotherReplica(apiKeyRevoked, { keyId: apiKey.id, agentId: agent.id }, tx);
    });
    await expect.poll(() => authenticateKeyCached(key).then(() => "accepted", (error: Error) => error.message), { timeout: 2000 }).toBe("Invalid or revoked API key"); // well inside the cache TTL (5 s)
  });
});

describe("the guard's cached agent", () => {
  // An agent whose policy allows orders.lookup, and the principal its new key authenticates as.
  async function guardedAgent() {
    const agent = await makeAgent(team);
    await db().policy.create({ data: { agentId: agent.id, document: { scope: { agent: agent.slug }, tools: [{ tool: "orders.lookup" }] } } });
    const { key } = await createAgentKey(admin, agent.slug, { name: "guard" });
    const principal = await authenticateKeyCached(key);
    if (principal.kind !== "agent") throw new Error("expected an agent key");
    return { agent, principal };
  }
  const action = (sessionId: string) => ({ check: "action", sessionId, action: { tool: "orders.lookup" } });

  it("denies a paused agent from its next call, and follows a department budget change at once", async () => {
    const { agent, principal } = await guardedAgent();
    expect((await checkGuard(principal, action("s1"))).verdict).toBe("allow");
    await changeAgentStatus(admin, agent.slug, "pause");
    expect(await checkGuard(principal, action("s1"))).toMatchObject({ verdict: "deny", reasons: [{ code: "agent_paused" }] });
    await changeAgentStatus(admin, agent.slug, "resume");
    expect((await checkGuard(principal, action("s1"))).verdict).toBe("allow");

    await setTeamBudgets(admin, team.id, { budgets: [{ window: "day", tokens: 1, onExceed: "deny" }] });
    const spent = await checkGuard(principal, { ...action("s2"), usage: { model: "unknown-model", inputTokens: 5, outputTokens: 0 } });
    expect(spent).toMatchObject({ verdict: "deny", reasons: [{ code: "budget_exceeded" }] });
    await setTeamBudgets(admin, team.id, { budgets: [] });
    expect((await checkGuard(principal, action("s3"))).verdict).toBe("allow");
  });

  it("denies a paused agent once another replica's pause is announced over LISTEN/NOTIFY", async () => {
    await startEventListener();
    const { agent, principal } = await guardedAgent();
    expect((await checkGuard(principal, action("r1"))).verdict).toBe("allow");
    await db().$transaction(async (tx) => {
      await tx.agent.update({ where: { id: agent.id }, data: { status: "paused" } });
      const cause = { action: "agent.pause", by: "another replica" };
      await notifyAsAnotherReplica(agentStatusChanged, { agentId: agent.id, slug: agent.slug, teamId: team.id, status: "paused", cause }, tx);
    });
    await expect.poll(async () => (await checkGuard(principal, action("r1"))).reasons[0]?.code, { timeout: 2000 }).toBe("agent_paused");
  });
});

describe("decisions made on another replica", () => {
  it("wake this replica's long-polls through LISTEN/NOTIFY", async () => {
    await startEventListener();
    const decisionId = crypto.randomUUID();
    const started = Date.now();
    const woken = waitForDecision(decisionId, 10_000);
    // Another replica's reviewer decides: its transaction notifies; nothing here is told directly.
    await notifyAsAnotherReplica(heldActionSettled, { decisionId });
    await woken;
    expect(Date.now() - started).toBeLessThan(5_000); // woken by the notification, not the 10 s timeout
  });
});

afterAll(async () => {
  await stopEventListener();
});
