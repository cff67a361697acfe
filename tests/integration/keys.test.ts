import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { createAdminKey, createAgentKey } from "../../lib/keys/create-key";
import { authenticateKey } from "../../lib/keys/authenticate-key";
import { revokeKey } from "../../lib/keys/revoke-key";
import { listKeys } from "../../lib/keys/list-keys";
import { changeAgentStatus } from "../../lib/agents/change-agent-status";
import type { UserPrincipal } from "../../lib/auth/principal";
import { auditOf, expectAppError, makeAgent, makeTeam, makeUser, type TestTeam } from "./helpers";

let team: TestTeam;
let admin: UserPrincipal;

beforeAll(async () => {
  team = await makeTeam("keys");
  admin = await makeUser("admin", []);
});

describe("agent keys", () => {
  it("create → authenticate as the agent → revoke → refused", async () => {
    const agent = await makeAgent(team);
    const { key, apiKey } = await createAgentKey(admin, agent.slug, { name: "production" });
    expect(key).toMatch(/^cr_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ kind: "agent", agent: agent.slug, name: "production", revokedAt: null, prefix: key.slice(0, 11) });

    const before = await db().agent.findUniqueOrThrow({ where: { id: agent.id } });
    const principal = await authenticateKey(key);
    expect(principal).toEqual({ kind: "agent", agentId: agent.id, agentSlug: agent.slug, teamId: team.id, keyId: apiKey.id });
    // Also accepted with surrounding whitespace, as copied from a terminal.
    expect((await authenticateKey(` ${key}\n`)).kind).toBe("agent");
    const seen = await db().agent.findUniqueOrThrow({ where: { id: agent.id } });
    expect(seen.lastSeenAt).not.toBeNull();
    // Being seen is not being changed: "Last updated" stays when someone last edited the agent.
    expect(seen.updatedAt).toEqual(before.updatedAt);

    const revoked = await revokeKey(admin, apiKey.id);
    expect(revoked.revokedAt).not.toBeNull();
    const error = await expectAppError(authenticateKey(key), "unauthenticated");
    expect(error.status).toBe(401);

    expect((await auditOf(apiKey.id)).map((entry) => entry.action)).toEqual(["key.create", "key.revoke"]);
    // Revoking again changes nothing.
    await revokeKey(admin, apiKey.id);
    expect(await auditOf(apiKey.id)).toHaveLength(2);
  });

  it("stores only the SHA-256 of the key: the secret appears nowhere in its row or audit entries", async () => {
    const agent = await makeAgent(team);
    const { key, apiKey } = await createAgentKey(admin, agent.slug, { name: "ci" });
    const rows = await db().$queryRawUnsafe<Record<string, unknown>[]>("SELECT * FROM api_keys WHERE id = $1::uuid", apiKey.id);
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows[0]);
    const secretPart = key.slice(3);
    expect(stored).not.toContain(secretPart);
    expect(stored).not.toContain(secretPart.slice(10, 30));
    expect(rows[0].hash).toBe(createHash("sha256").update(key).digest("hex"));
    const audit = JSON.stringify(await auditOf(apiKey.id), (_, value) => (typeof value === "bigint" ? value.toString() : value));
    expect(audit).not.toContain(secretPart);
    // The key's hash is not served by default either.
    expect(await db().apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).not.toHaveProperty("hash");
  });

  it("refuses unknown, malformed and missing keys with the same 401", async () => {
    const unknown = `cr_${"A".repeat(43)}`;
    for (const key of [unknown, "not-a-key", "cr_short", `xx_${"b".repeat(43)}`, `cr_${"c".repeat(200)}`]) {
      await expectAppError(authenticateKey(key), "unauthenticated");
    }
    await expectAppError(authenticateKey(""), "unauthenticated");
    await expectAppError(authenticateKey(null), "unauthenticated");
    await expectAppError(authenticateKey(undefined), "unauthenticated");
  });

  it("refuses the keys of a terminated agent and gives it no new key", async () => {
    const agent = await makeAgent(team);
    const { key } = await createAgentKey(admin, agent.slug, { name: "before termination" });
    expect((await authenticateKey(key)).kind).toBe("agent");
    await changeAgentStatus(admin, agent.slug, "terminate");
    await expectAppError(authenticateKey(key), "forbidden");
    await expectAppError(createAgentKey(admin, agent.slug, { name: "after" }), "conflict");
  });

  it("is managed by admins only", async () => {
    const agent = await makeAgent(team);
    const { apiKey } = await createAgentKey(admin, agent.slug, { name: "admin made" });
    for (const role of ["viewer", "operator", "developer", "reviewer"] as const) {
      const principal = await makeUser(role, [team.id]);
      await expectAppError(createAgentKey(principal, agent.slug, { name: "mine" }), "forbidden");
      await expectAppError(revokeKey(principal, apiKey.id), "forbidden");
      await expectAppError(listKeys(principal), "forbidden");
      await expectAppError(createAdminKey(principal, { name: "mine" }), "forbidden");
    }
    expect(await db().apiKey.count({ where: { agentId: agent.id } })).toBe(1);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).revokedAt).toBeNull();
  });

  it("reports an unknown key id as not found", async () => {
    await expectAppError(revokeKey(admin, "00000000-0000-4000-8000-000000000000"), "not_found");
    await expectAppError(revokeKey(admin, "not-a-uuid"), "not_found");
  });

  it("lists keys without secrets, hiding revoked ones unless asked", async () => {
    const agent = await makeAgent(team);
    const kept = await createAgentKey(admin, agent.slug, { name: "kept" });
    const dropped = await createAgentKey(admin, agent.slug, { name: "dropped" });
    await revokeKey(admin, dropped.apiKey.id);
    const active = await listKeys(admin, { agent: agent.slug });
    expect(active.map((key) => key.id)).toEqual([kept.apiKey.id]);
    const all = await listKeys(admin, { agent: agent.slug, includeRevoked: "true" });
    expect(all.map((key) => key.id).sort()).toEqual([kept.apiKey.id, dropped.apiKey.id].sort());
    expect(JSON.stringify(all)).not.toContain(kept.key.slice(3));
  });
});

describe("admin keys", () => {
  it("authenticate as the admin who created them, via api-key, until revoked", async () => {
    const owner = await makeUser("admin", [team.id]);
    const { key, apiKey } = await createAdminKey(owner, { name: "automation" });
    expect(apiKey).toMatchObject({ kind: "admin", user: owner.email, agent: null });
    const principal = await authenticateKey(key);
    expect(principal).toEqual({ ...owner, via: "api-key" });
    await revokeKey(owner, apiKey.id);
    await expectAppError(authenticateKey(key), "unauthenticated");
  });

  it("stop working when their admin is demoted or deactivated", async () => {
    const owner = await makeUser("admin", []);
    const { key } = await createAdminKey(owner, { name: "automation" });
    await db().user.update({ where: { id: owner.userId }, data: { role: "developer" } });
    await expectAppError(authenticateKey(key), "unauthenticated");
    await db().user.update({ where: { id: owner.userId }, data: { role: "admin", active: false } });
    await expectAppError(authenticateKey(key), "unauthenticated");
  });
});
