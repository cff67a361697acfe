import type { APIRequestContext, APIResponse } from "@playwright/test";
import { expect, test } from "./fixtures/role-fixture";
import { demoRoles, unique, type DemoRole } from "./fixtures/session";
import { agentStatus, createAgent, createAgentKey } from "./fixtures/agents";

// Role × action over HTTP for every mutating endpoint: the allowed roles succeed; every other role
// gets 403 and nothing changes. The target agent is in Claims, a team every demo user belongs to,
// so only the role decides.
type Row = {
  name: string;
  allowed: DemoRole[];
  setup: (admin: APIRequestContext) => Promise<Record<string, string>>;
  act: (caller: APIRequestContext, ctx: Record<string, string>) => Promise<APIResponse>;
  // What the admin reads back afterwards: it differs from `before` exactly when the action happened.
  read: (admin: APIRequestContext, ctx: Record<string, string>) => Promise<unknown>;
};

const userByEmail = async (admin: APIRequestContext, email: string) =>
  ((await (await admin.get("/api/v1/users")).json()).users as { id: string; email: string; role: string }[]).find((u) => u.email === email);
const teamByName = async (admin: APIRequestContext, name: string) =>
  ((await (await admin.get("/api/v1/teams")).json()).teams as { id: string; name: string; description: string }[]).find((t) => t.name === name);
const keyByName = async (admin: APIRequestContext, name: string) =>
  ((await (await admin.get("/api/v1/keys?includeRevoked=true")).json()).keys as { id: string; name: string; revokedAt: string | null }[]).find(
    (k) => k.name === name,
  );

const newTeam = async (admin: APIRequestContext) => {
  const name = unique("E2E team");
  const response = await admin.post("/api/v1/teams", { data: { name } });
  expect(response.status()).toBe(201);
  return (await response.json()).team as { id: string; name: string };
};

const webhookUrls = async (admin: APIRequestContext) => ((await (await admin.get("/api/v1/webhooks")).json()).webhooks as { id: string; url: string }[]).map((webhook) => webhook.url);

const rows: Row[] = [
  {
    name: "POST /api/v1/incidents (open)",
    allowed: ["operator", "admin"],
    setup: async (admin) => ({ slug: (await createAgent(admin, "Claims")).slug, title: unique("matrix incident") }),
    act: (caller, ctx) => caller.post("/api/v1/incidents", { data: { agent: ctx.slug, title: ctx.title, severity: "warning" } }),
    read: async (admin, ctx) =>
      ((await (await admin.get(`/api/v1/incidents?agent=${ctx.slug}`)).json()).incidents as { title: string }[]).some((incident) => incident.title === ctx.title),
  },
  {
    name: "POST /api/v1/incidents/{id}/resolve",
    allowed: ["operator", "admin"],
    setup: async (admin) => {
      const { slug } = await createAgent(admin, "Claims");
      const response = await admin.post("/api/v1/incidents", { data: { agent: slug, title: unique("matrix incident"), severity: "info" } });
      expect(response.status()).toBe(201);
      return { id: (await response.json()).incident.id };
    },
    act: (caller, ctx) => caller.post(`/api/v1/incidents/${ctx.id}/resolve`, { data: { summary: "matrix" } }),
    read: async (admin, ctx) => (await (await admin.get(`/api/v1/incidents/${ctx.id}`)).json()).incident.status,
  },
  {
    name: "POST /api/v1/webhooks (add)",
    allowed: ["admin"],
    setup: async () => ({ url: `https://hooks.example.test/${unique("matrix")}` }),
    act: (caller, ctx) => caller.post("/api/v1/webhooks", { data: { team: "Claims", url: ctx.url, events: ["alert.raised"] } }),
    read: async (admin, ctx) => (await webhookUrls(admin)).includes(ctx.url),
  },
  {
    name: "DELETE /api/v1/webhooks/{id}",
    allowed: ["admin"],
    setup: async (admin) => {
      const url = `https://hooks.example.test/${unique("matrix")}`;
      const response = await admin.post("/api/v1/webhooks", { data: { team: "Claims", url, events: ["alert.raised"] } });
      expect(response.status()).toBe(201);
      return { id: (await response.json()).webhook.id, url };
    },
    act: (caller, ctx) => caller.delete(`/api/v1/webhooks/${ctx.id}`),
    read: async (admin, ctx) => (await webhookUrls(admin)).includes(ctx.url),
  },
  {
    name: "POST /api/v1/agents (register)",
    allowed: ["developer", "admin"],
    setup: async () => ({ slug: unique("matrix-agent") }),
    act: (caller, ctx) => caller.post("/api/v1/agents", { data: { slug: ctx.slug, name: "Matrix", team: "Claims" } }),
    read: async (admin, ctx) => (await admin.get(`/api/v1/agents/${ctx.slug}`)).status(),
  },
  {
    name: "PATCH /api/v1/agents/{slug} (edit)",
    allowed: ["developer", "admin"],
    setup: async (admin) => ({ slug: (await createAgent(admin)).slug }),
    act: (caller, ctx) => caller.patch(`/api/v1/agents/${ctx.slug}`, { data: { name: "Renamed by matrix" } }),
    read: async (admin, ctx) => (await (await admin.get(`/api/v1/agents/${ctx.slug}`)).json()).agent.name,
  },
  {
    name: "POST /api/v1/agents/{slug}/pause",
    allowed: ["operator", "admin"],
    setup: async (admin) => ({ slug: (await createAgent(admin)).slug }),
    act: (caller, ctx) => caller.post(`/api/v1/agents/${ctx.slug}/pause`, { data: { reason: "matrix" } }),
    read: (admin, ctx) => agentStatus(admin, ctx.slug),
  },
  {
    name: "POST /api/v1/agents/{slug}/resume",
    allowed: ["operator", "admin"],
    setup: async (admin) => {
      const { slug } = await createAgent(admin);
      expect((await admin.post(`/api/v1/agents/${slug}/pause`)).status()).toBe(200);
      return { slug };
    },
    act: (caller, ctx) => caller.post(`/api/v1/agents/${ctx.slug}/resume`),
    read: (admin, ctx) => agentStatus(admin, ctx.slug),
  },
  {
    name: "POST /api/v1/agents/{slug}/terminate",
    allowed: ["admin"],
    setup: async (admin) => ({ slug: (await createAgent(admin)).slug }),
    act: (caller, ctx) => caller.post(`/api/v1/agents/${ctx.slug}/terminate`, { data: { reason: "matrix" } }),
    read: (admin, ctx) => agentStatus(admin, ctx.slug),
  },
  {
    name: "POST /api/v1/agents/{slug}/keys (create agent key)",
    allowed: ["admin"],
    setup: async (admin) => ({ slug: (await createAgent(admin)).slug }),
    act: (caller, ctx) => caller.post(`/api/v1/agents/${ctx.slug}/keys`, { data: { name: "matrix" } }),
    read: async (admin, ctx) => (await (await admin.get(`/api/v1/agents/${ctx.slug}/keys`)).json()).keys.length,
  },
  {
    name: "POST /api/v1/keys (create admin key)",
    allowed: ["admin"],
    setup: async () => ({ name: unique("matrix-key") }),
    act: (caller, ctx) => caller.post("/api/v1/keys", { data: { name: ctx.name } }),
    read: async (admin, ctx) => Boolean(await keyByName(admin, ctx.name)),
  },
  {
    name: "DELETE /api/v1/keys/{id} (revoke)",
    allowed: ["admin"],
    setup: async (admin) => {
      const { slug } = await createAgent(admin);
      const { apiKey } = await createAgentKey(admin, slug);
      return { id: apiKey.id, slug };
    },
    act: (caller, ctx) => caller.delete(`/api/v1/keys/${ctx.id}`),
    read: async (admin, ctx) => (await (await admin.get(`/api/v1/agents/${ctx.slug}/keys`)).json()).keys.length,
  },
  {
    name: "POST /api/v1/users (create user)",
    allowed: ["admin"],
    setup: async () => ({ email: `${unique("matrix")}@example.test` }),
    act: (caller, ctx) =>
      caller.post("/api/v1/users", { data: { email: ctx.email, name: "Matrix", role: "viewer", teamIds: [], password: "a-long-password" } }),
    read: async (admin, ctx) => Boolean(await userByEmail(admin, ctx.email)),
  },
  {
    name: "PATCH /api/v1/users/{id} (change role)",
    allowed: ["admin"],
    setup: async (admin) => {
      const email = `${unique("matrix")}@example.test`;
      const response = await admin.post("/api/v1/users", { data: { email, name: "Matrix", role: "viewer", password: "a-long-password" } });
      expect(response.status()).toBe(201);
      return { id: (await response.json()).user.id, email };
    },
    act: (caller, ctx) => caller.patch(`/api/v1/users/${ctx.id}`, { data: { role: "operator" } }),
    read: async (admin, ctx) => (await userByEmail(admin, ctx.email))?.role,
  },
  {
    name: "POST /api/v1/teams (create team)",
    allowed: ["admin"],
    setup: async () => ({ name: unique("Matrix team") }),
    act: (caller, ctx) => caller.post("/api/v1/teams", { data: { name: ctx.name } }),
    read: async (admin, ctx) => Boolean(await teamByName(admin, ctx.name)),
  },
  {
    name: "PATCH /api/v1/teams/{id} (rename team)",
    allowed: ["admin"],
    setup: async (admin) => {
      const team = await newTeam(admin);
      return { id: team.id, name: team.name };
    },
    act: (caller, ctx) => caller.patch(`/api/v1/teams/${ctx.id}`, { data: { name: ctx.name, description: "changed by matrix" } }),
    read: async (admin, ctx) => (await teamByName(admin, ctx.name))?.description,
  },
  {
    name: "DELETE /api/v1/teams/{id}",
    allowed: ["admin"],
    setup: async (admin) => {
      const team = await newTeam(admin);
      return { id: team.id, name: team.name };
    },
    act: (caller, ctx) => caller.delete(`/api/v1/teams/${ctx.id}`),
    read: async (admin, ctx) => Boolean(await teamByName(admin, ctx.name)),
  },
];

for (const row of rows) {
  test.describe(row.name, () => {
    for (const role of demoRoles) {
      const allowed = row.allowed.includes(role);
      test(`${role} ${allowed ? "may" : "may not"}`, async ({ as }) => {
        const ctx = await row.setup(as.admin);
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

test("an unauthenticated caller gets 401 from every management endpoint", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const [method, path] of [
    ["GET", "/api/v1/agents"],
    ["POST", "/api/v1/agents"],
    ["POST", "/api/v1/agents/claims-agent/pause"],
    ["GET", "/api/v1/users"],
    ["POST", "/api/v1/teams"],
    ["GET", "/api/v1/audit"],
  ] as const) {
    const response = await anonymous.fetch(path, { method, data: method === "POST" ? {} : undefined });
    expect(response.status(), `${method} ${path}`).toBe(401);
    expect((await response.json()).error.code).toBe("unauthenticated");
  }
});
