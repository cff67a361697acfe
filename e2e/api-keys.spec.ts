import { expect, test } from "@playwright/test";
import { anonymousApi, apiAs } from "./fixtures/session";
import { createAgent, createAgentKey } from "./fixtures/agents";

test.describe("agent API keys", () => {
  test("create → authenticate → revoke → 401", async ({ baseURL }) => {
    const admin = await apiAs(baseURL!, "admin");
    const agent = await createAgent(admin);
    const { key, apiKey } = await createAgentKey(admin, agent.slug);
    expect(key).toMatch(/^cr_/);

    const caller = await anonymousApi(baseURL!);
    const self = await caller.get("/api/v1/agents/self", { headers: { Authorization: `Bearer ${key}` } });
    expect(self.status()).toBe(200);
    expect((await self.json()).agent.slug).toBe(agent.slug);

    // The secret is never listed again: only its prefix.
    const listed = await (await admin.get(`/api/v1/agents/${agent.slug}/keys`)).json();
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(listed.keys[0].prefix).toBe(key.slice(0, 11));

    expect((await admin.delete(`/api/v1/keys/${apiKey.id}`)).status()).toBe(200);
    const after = await caller.get("/api/v1/agents/self", { headers: { Authorization: `Bearer ${key}` } });
    expect(after.status()).toBe(401);
    expect((await after.json()).error).toMatchObject({ code: "unauthenticated" });
  });

  test("unknown, malformed and missing keys get a 401 JSON error", async ({ baseURL }) => {
    const caller = await anonymousApi(baseURL!);
    const attempts: Record<string, string>[] = [
      { Authorization: "Bearer cr_thisKeyDoesNotExistAnywhere000000000000000" },
      { Authorization: "Bearer nonsense" },
      { Authorization: "Basic abc" },
      {},
    ];
    for (const headers of attempts) {
      const response = await caller.get("/api/v1/agents/self", { headers });
      expect(response.status()).toBe(401);
      const body = await response.json();
      expect(body.error.code).toBe("unauthenticated");
      expect(body.error.message).toBeTruthy();
    }
  });

  test("an agent key cannot use the management API", async ({ baseURL }) => {
    const admin = await apiAs(baseURL!, "admin");
    const agent = await createAgent(admin);
    const { key } = await createAgentKey(admin, agent.slug);
    const caller = await anonymousApi(baseURL!);
    const response = await caller.post(`/api/v1/agents/${agent.slug}/pause`, { headers: { Authorization: `Bearer ${key}` } });
    expect(response.status()).toBe(403);
  });

  test("an admin API key uses the management API as that admin", async ({ baseURL }) => {
    const admin = await apiAs(baseURL!, "admin");
    const created = await admin.post("/api/v1/keys", { data: { name: "e2e admin key" } });
    expect(created.status()).toBe(201);
    const { key } = await created.json();
    const caller = await anonymousApi(baseURL!);
    const agents = await caller.get("/api/v1/agents", { headers: { Authorization: `Bearer ${key}` } });
    expect(agents.status()).toBe(200);
    expect((await agents.json()).agents.length).toBeGreaterThan(0);
  });

  test("each key is rate limited: 429 with Retry-After", async ({ baseURL }) => {
    const admin = await apiAs(baseURL!, "admin");
    const agent = await createAgent(admin);
    const { key } = await createAgentKey(admin, agent.slug);
    const caller = await anonymousApi(baseURL!);
    const headers = { Authorization: `Bearer ${key}` };
    // The e2e server allows 5 requests/s per key with bursts of 10 (CONTROLROOM_RATE_LIMIT=5).
    const responses = await Promise.all(Array.from({ length: 80 }, () => caller.get("/api/v1/agents/self", { headers })));
    const limited = responses.filter((r) => r.status() === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0].headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    expect((await limited[0].json()).error.code).toBe("rate_limited");
    expect(responses.filter((r) => r.status() === 200).length).toBeGreaterThan(0);
  });
});
