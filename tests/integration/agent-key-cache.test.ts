import { beforeAll, describe, expect, it } from "vitest";
import { createAgentKey } from "../../lib/keys/create-key";
import { revokeKey } from "../../lib/keys/revoke-key";
import { changeAgentStatus } from "../../lib/agents/change-agent-status";
import { updateAgent } from "../../lib/agents/update-agent";
import { authenticateKeyCached } from "../../lib/http/agent-key-cache";
import type { UserPrincipal } from "../../lib/auth/principal";
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
});
