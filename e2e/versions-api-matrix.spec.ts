import type { APIRequestContext, APIResponse } from "@playwright/test";
import { expect, test } from "./fixtures/role-fixture";
import { demoRoles, type DemoRole } from "./fixtures/session";
import { createAgent, createAgentKey } from "./fixtures/agents";

// The stage rules as a role × transition matrix over HTTP: the allowed roles succeed and the deployment
// changes; every other role gets 403 and nothing changes. Agents are in Claims, a team every demo user
// belongs to, so only the role decides. No agent has an evaluation gate yet, so canary and direct
// production are the admin's (with a reason) and a developer's production promotion is a request.
type As = Record<DemoRole, APIRequestContext>;
type Row = {
  name: string;
  allowed: DemoRole[];
  setup: (as: As) => Promise<Record<string, string>>;
  act: (caller: APIRequestContext, ctx: Record<string, string>) => Promise<APIResponse>;
  read: (admin: APIRequestContext, ctx: Record<string, string>) => Promise<unknown>;
};

const bundle = (message: string) => ({ prompt: `You handle claims.\n${message}`, model: "gpt-4o-mini", message });

async function ok(response: APIResponse, status = 200) {
  expect(response.status(), await response.text()).toBe(status);
  return response.json();
}

async function agentWith(as: As, stages: ("development" | "staging" | "canary" | "production")[]) {
  const { slug } = await createAgent(as.admin);
  for (const [index, stage] of stages.entries()) {
    const label = `v${index + 1}`;
    await ok(await as.admin.post(`/api/v1/agents/${slug}/versions`, { data: bundle(`version ${label}`) }), 201);
    if (stage !== "development") await ok(await as.admin.post(`/api/v1/agents/${slug}/versions/${label}/promote`, { data: { stage, reason: "matrix setup" } }));
  }
  return slug;
}

const stageOf = async (admin: APIRequestContext, slug: string, label: string) => (await ok(await admin.get(`/api/v1/agents/${slug}/versions/${label}`))).version.stage;
const pendingOf = async (admin: APIRequestContext, slug: string) => (await ok(await admin.get(`/api/v1/promotions?status=pending&agent=${slug}`))).promotions.length;

const rows: Row[] = [
  {
    name: "POST /api/v1/agents/{slug}/versions (create)",
    allowed: ["developer", "admin"],
    setup: async (as) => ({ slug: (await createAgent(as.admin)).slug }),
    act: (caller, ctx) => caller.post(`/api/v1/agents/${ctx.slug}/versions`, { data: bundle("matrix") }),
    read: async (admin, ctx) => (await ok(await admin.get(`/api/v1/agents/${ctx.slug}/versions`))).versions.length,
  },
  {
    name: "promote development → staging",
    allowed: ["developer", "admin"],
    setup: async (as) => ({ slug: await agentWith(as, ["development"]) }),
    act: (caller, ctx) => caller.post(`/api/v1/agents/${ctx.slug}/versions/v1/promote`, { data: { stage: "staging" } }),
    read: (admin, ctx) => stageOf(admin, ctx.slug, "v1"),
  },
  {
    name: "promote staging → canary (no evaluation gate: admins only)",
    allowed: ["admin"],
    setup: async (as) => ({ slug: await agentWith(as, ["production", "staging"]) }),
    act: (caller, ctx) => caller.post(`/api/v1/agents/${ctx.slug}/versions/v2/promote`, { data: { stage: "canary", canaryPercent: 10, reason: "matrix" } }),
    read: (admin, ctx) => stageOf(admin, ctx.slug, "v2"),
  },
  {
    name: "promote canary → production (a developer's request waits; an admin deploys)",
    allowed: ["developer", "admin"],
    setup: async (as) => ({ slug: await agentWith(as, ["production", "canary"]) }),
    act: (caller, ctx) => caller.post(`/api/v1/agents/${ctx.slug}/versions/v2/promote`, { data: { stage: "production", reason: "matrix" } }),
    read: async (admin, ctx) => ({ stage: await stageOf(admin, ctx.slug, "v2"), pending: await pendingOf(admin, ctx.slug) }),
  },
  {
    name: "POST /api/v1/promotions/{id}/decide (approve a developer's request)",
    allowed: ["reviewer", "admin"],
    setup: async (as) => {
      const slug = await agentWith(as, ["production", "canary"]);
      const asked = await ok(await as.developer.post(`/api/v1/agents/${slug}/versions/v2/promote`, { data: { stage: "production" } }), 202);
      return { slug, id: asked.request.id };
    },
    act: (caller, ctx) => caller.post(`/api/v1/promotions/${ctx.id}/decide`, { data: { verdict: "approve", note: "matrix" } }),
    read: (admin, ctx) => stageOf(admin, ctx.slug, "v2"),
  },
  {
    name: "POST /api/v1/agents/{slug}/rollback",
    allowed: ["operator", "admin"],
    setup: async (as) => {
      const slug = await agentWith(as, ["production", "production"]);
      return { slug };
    },
    act: (caller, ctx) => caller.post(`/api/v1/agents/${ctx.slug}/rollback`, { data: { reason: "matrix" } }),
    read: (admin, ctx) => stageOf(admin, ctx.slug, "v1"),
  },
];

for (const row of rows) {
  test.describe(row.name, () => {
    for (const role of demoRoles) {
      const allowed = row.allowed.includes(role);
      test(`${role} ${allowed ? "may" : "may not"}`, async ({ as }) => {
        const ctx = await row.setup(as);
        const before = await row.read(as.admin, ctx);
        const response = await row.act(as[role], ctx);
        const after = await row.read(as.admin, ctx);
        if (allowed) {
          expect(response.status(), await response.text()).toBeLessThan(300);
          expect(after).not.toEqual(before);
        } else {
          expect(response.status(), await response.text()).toBe(403);
          expect((await response.json()).error.code).toBe("forbidden");
          expect(after).toEqual(before);
        }
      });
    }
  });
}

test("a version cannot be edited: PUT and PATCH answer 405 version_immutable for every role", async ({ as }) => {
  const slug = await agentWith(as, ["development"]);
  for (const role of demoRoles) {
    for (const method of ["PUT", "PATCH"]) {
      const response = await as[role].fetch(`/api/v1/agents/${slug}/versions/v1`, { method, data: { prompt: "rewritten" } });
      expect(response.status(), `${role} ${method}`).toBe(405);
      expect((await response.json()).error.code).toBe("version_immutable");
    }
  }
  expect((await ok(await as.admin.get(`/api/v1/agents/${slug}/versions/v1`))).version.prompt).toBe(bundle("version v1").prompt);
});

test("the config call serves the production version with the agent's key, and the previous one right after a rollback", async ({ as, playwright, baseURL }) => {
  const slug = await agentWith(as, ["production", "production"]);
  const { key } = await createAgentKey(as.admin, slug);
  const agent = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${key}` } });
  const config = await ok(await agent.get("/api/v1/agents/self/config?sessionId=matrix-session"));
  expect(config).toMatchObject({ agent: slug, version: { label: "v2", stage: "production" }, model: "gpt-4o-mini" });
  await ok(await as.operator.post(`/api/v1/agents/${slug}/rollback`, { data: { reason: "matrix rollback" } }));
  expect((await ok(await agent.get("/api/v1/agents/self/config?sessionId=matrix-session"))).version.label).toBe("v1");
  const events = (await ok(await as.viewer.get(`/api/v1/agents/${slug}/deployments`))).events;
  expect(events[0]).toMatchObject({ kind: "rolled_back", label: "v1", fromLabel: "v2", by: "operator@demo.local", reason: "matrix rollback" });
  await agent.dispose();
});
