import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db, databaseTarget } from "../../lib/db/client";
import type { AgentPrincipal, UserPrincipal } from "../../lib/auth/principal";
import { createAgentKey } from "../../lib/keys/create-key";
import { createVersion } from "../../lib/versions/create-version";
import { promoteVersion } from "../../lib/versions/promote-version";
import { rollbackVersion } from "../../lib/versions/rollback-version";
import { serveConfig } from "../../lib/versions/serve-config";
import { GET as configGet } from "../../app/api/v1/agents/self/config/route";
import { expectAppError, makeAgent, makeTeam, makeUser, type TestTeam } from "./helpers";

let team: TestTeam;
let developer: UserPrincipal;
let operator: UserPrincipal;
let admin: UserPrincipal;

beforeAll(async () => {
  team = await makeTeam("config");
  developer = await makeUser("developer", [team.id]);
  operator = await makeUser("operator", [team.id]);
  admin = await makeUser("admin", []);
});

const principalOf = (agent: { id: string; slug: string; teamId: string }): AgentPrincipal => ({ kind: "agent", agentId: agent.id, agentSlug: agent.slug, teamId: agent.teamId, keyId: "test" });
const bundle = (model: string) => ({ prompt: `Prompt for ${model}`, model, message: `runs ${model}` });

// v1 in production; v2 in canary at the given share.
async function agentWithCanary(percent: number) {
  const agent = await makeAgent(team);
  await createVersion(developer, agent.slug, bundle("model-a"));
  await promoteVersion(admin, agent.slug, "v1", { stage: "production", reason: "first" });
  await createVersion(developer, agent.slug, bundle("model-b"));
  await promoteVersion(admin, agent.slug, "v2", { stage: "canary", canaryPercent: percent, reason: "try b" });
  return agent;
}

describe("the config call", () => {
  it("answers 404 no_production_version until something is deployed, then the production bundle", async () => {
    const agent = await makeAgent(team);
    const principal = principalOf(agent);
    await expectAppError(serveConfig(principal, { sessionId: "s1" }), "no_production_version");
    await createVersion(developer, agent.slug, { ...bundle("model-a"), params: { temperature: 0.1 }, tools: [{ name: "lookup" }] });
    await expectAppError(serveConfig(principal, { sessionId: "s1" }), "no_production_version");
    await promoteVersion(admin, agent.slug, "v1", { stage: "production", reason: "first" });
    expect(await serveConfig(principal, { sessionId: "s1" })).toMatchObject({
      agent: agent.slug,
      version: { label: "v1", stage: "production" },
      model: "model-a",
      params: { temperature: 0.1 },
      tools: [{ name: "lookup" }],
      sessionId: "s1",
    });
  });

  it("splits sessions by the canary's share (±3 points over 2,000 sessions) and keeps each session's version", async () => {
    const agent = await agentWithCanary(10);
    const principal = principalOf(agent);
    const sessions = Array.from({ length: 2000 }, (_, index) => `split-${index}`);
    const first = new Map<string, string>();
    for (const sessionId of sessions) first.set(sessionId, (await serveConfig(principal, { sessionId })).version.label);
    const canaryShare = ([...first.values()].filter((label) => label === "v2").length / sessions.length) * 100;
    expect(Math.abs(canaryShare - 10)).toBeLessThanOrEqual(3);
    expect(await db().versionSession.count({ where: { agentId: agent.id } })).toBe(2000);

    // Widening the canary changes nobody already served: sticky.
    await promoteVersion(admin, agent.slug, "v2", { stage: "canary", canaryPercent: 50, reason: "widen" });
    for (const sessionId of sessions.slice(0, 300)) expect((await serveConfig(principal, { sessionId })).version.label).toBe(first.get(sessionId));
    const fresh = await Promise.all(Array.from({ length: 400 }, (_, index) => serveConfig(principal, { sessionId: `fresh-${index}` })));
    const freshShare = (fresh.filter((config) => config.version.label === "v2").length / fresh.length) * 100;
    expect(freshShare).toBeGreaterThan(40);
    expect(freshShare).toBeLessThan(60);
  }, 120_000);

  it("serves the previous version on the very next call after a rollback, and a canary's sessions move when it ends", async () => {
    const agent = await agentWithCanary(50);
    const principal = principalOf(agent);
    await promoteVersion(admin, agent.slug, "v2", { stage: "production", reason: "go" });
    expect((await serveConfig(principal, { sessionId: "after-promotion" })).version.label).toBe("v2");
    await createVersion(developer, agent.slug, bundle("model-c"));
    await promoteVersion(admin, agent.slug, "v3", { stage: "canary", canaryPercent: 50, reason: "try c" });
    const inCanary = Array.from({ length: 40 }, (_, index) => `moving-${index}`);
    const served = await Promise.all(inCanary.map((sessionId) => serveConfig(principal, { sessionId })));
    const canarySession = served.find((config) => config.version.label === "v3")!.sessionId!;

    await rollbackVersion(operator, agent.slug, { reason: "bad canary and production" });
    expect((await serveConfig(principal, { sessionId: "after-promotion" })).version.label).toBe("v1");
    expect((await serveConfig(principal, { sessionId: canarySession })).version).toMatchObject({ label: "v1", stage: "production" });
    expect((await serveConfig(principal, {})).version.label).toBe("v1");
  });

  it("over HTTP: the agent's key, an ETag naming the version, 304 when it still matches, never cached without asking", async () => {
    const agent = await agentWithCanary(10);
    const { key } = await createAgentKey(admin, agent.slug, { name: "config-http" });
    const get = (headers: Record<string, string> = {}) =>
      configGet(new NextRequest("http://localhost/api/v1/agents/self/config", { headers: { Authorization: `Bearer ${key}`, ...headers } }), { params: Promise.resolve({}) });
    const response = await get();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(response.headers.get("etag")).toBe(`"${body.version.id}"`);
    expect(response.headers.get("cache-control")).toBe("private, no-cache");
    expect((await get({ "If-None-Match": response.headers.get("etag")! })).status).toBe(304);
    expect(body.version.label).toBe("v1");
    await promoteVersion(admin, agent.slug, "v2", { stage: "production", reason: "promote" });
    const changed = await get({ "If-None-Match": response.headers.get("etag")! });
    expect(changed.status).toBe(200);
    expect((await changed.json()).version.label).toBe("v2");
    const noKey = await configGet(new NextRequest("http://localhost/api/v1/agents/self/config"), { params: Promise.resolve({}) });
    expect(noKey.status).toBe(401);
  });

  // A second replica needs a database two processes share: PostgreSQL (PGlite here is in memory).
  it.skipIf(databaseTarget().kind !== "postgres")("a rollback is served by the next call on a second replica", async () => {
    const agent = await agentWithCanary(10);
    await promoteVersion(admin, agent.slug, "v2", { stage: "production", reason: "go" });
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "tests/integration/fixtures/config-replica.ts", agent.id, agent.slug, agent.teamId], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_POOL_SIZE: "2" },
    });
    let errors = "";
    child.stderr.on("data", (chunk) => (errors += chunk));
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const next = async () => {
      const line = await lines.next();
      if (line.done) throw new Error(`the replica stopped: ${errors}`);
      return JSON.parse(line.value);
    };
    try {
      expect(await next()).toEqual({ ready: true });
      child.stdin.write("replica-session\n");
      expect(await next()).toMatchObject({ label: "v2" });
      await rollbackVersion(operator, agent.slug, { reason: "incident" });
      child.stdin.write("replica-session\n");
      expect(await next()).toMatchObject({ label: "v1", stage: "production" });
    } finally {
      child.stdin.end();
    }
  }, 120_000);
});
