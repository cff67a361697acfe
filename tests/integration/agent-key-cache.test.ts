import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgentKey } from "../../lib/keys/create-key";
import { revokeKey } from "../../lib/keys/revoke-key";
import { changeAgentStatus } from "../../lib/agents/change-agent-status";
import { updateAgent } from "../../lib/agents/update-agent";
import { authenticateKeyCached } from "../../lib/http/agent-key-cache";
import type { UserPrincipal } from "../../lib/auth/principal";
import { db } from "../../lib/db/client";
import { KEY_CHANNEL, startChangeListener, stopChangeListener } from "../../lib/db/change-events";
import { expectAppError, makeAgent, makeTeam, makeUser, type TestTeam } from "./helpers";

// The route's agent-key cache against the real lib writers: what they change is seen on the next call.
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
    await startChangeListener();
    const agent = await makeAgent(team);
    const { key, apiKey } = await createAgentKey(admin, agent.slug, { name: "cached" });
    expect(await authenticateKeyCached(key)).toMatchObject({ kind: "agent" });
    // Another replica revokes it: the row changes and it notifies, but this process's cache is not told directly.
    await db().$transaction(async (tx) => {
      await tx.apiKey.update({ where: { id: apiKey.id }, data: { revokedAt: new Date() } });
      await tx.$executeRaw`SELECT pg_notify(${KEY_CHANNEL}, '')`;
    });
    await expect.poll(() => authenticateKeyCached(key).then(() => "accepted", (error: Error) => error.message), { timeout: 2000 }).toBe("Invalid or revoked API key"); // well inside the cache TTL (5 s)
  });
});

afterAll(async () => {
  await stopChangeListener();
});
