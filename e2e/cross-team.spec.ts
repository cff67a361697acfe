import { expect, test } from "./fixtures/role-fixture";
import { agentStatus } from "./fixtures/agents";

// The operator belongs to Claims and Support; refund-agent belongs to Payments. Another team's agent
// answers 404, as if it did not exist.
test("an operator of Claims cannot pause a Payments agent, by slug or by id: it is not found", async ({ as }) => {
  const refund = (await (await as.admin.get("/api/v1/agents/refund-agent")).json()).agent;
  const before = await agentStatus(as.admin, "refund-agent");
  for (const target of [refund.slug, refund.id]) {
    const response = await as.operator.post(`/api/v1/agents/${target}/pause`, { data: { reason: "cross-team" } });
    expect(response.status()).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  }
  expect(await agentStatus(as.admin, "refund-agent")).toBe(before);
});

test("other teams' agents are not listed or readable", async ({ as }) => {
  const listed = (await (await as.operator.get("/api/v1/agents")).json()).agents.map((a: { slug: string }) => a.slug);
  expect(listed).toContain("claims-agent");
  expect(listed).not.toContain("refund-agent");
  expect(listed).not.toContain("procurement-agent");
  expect((await as.operator.get("/api/v1/agents/refund-agent")).status()).toBe(404);
  const all = (await (await as.admin.get("/api/v1/agents")).json()).agents.map((a: { slug: string }) => a.slug);
  expect(all).toEqual(expect.arrayContaining(["claims-agent", "refund-agent", "support-agent", "procurement-agent"]));
});

test("a developer cannot register an agent in a team they are not in", async ({ as }) => {
  const response = await as.developer.post("/api/v1/agents", { data: { slug: `x-${Date.now()}`, name: "X", team: "Payments" } });
  expect(response.status()).toBe(403);
});

test("an incident about a Payments agent is not the Claims operator's: not listed, not readable, not resolvable, no report", async ({ as }) => {
  const opened = await as.admin.post("/api/v1/incidents", { data: { agent: "refund-agent", title: `cross-team ${Date.now()}`, severity: "info" } });
  expect(opened.status(), await opened.text()).toBe(201);
  const { incident } = await opened.json();
  const listed = (await (await as.operator.get("/api/v1/incidents?limit=200")).json()).incidents.map((row: { id: string }) => row.id);
  expect(listed).not.toContain(incident.id);
  expect((await as.operator.get(`/api/v1/incidents/${incident.id}`)).status()).toBe(404);
  expect((await as.operator.get(`/api/v1/incidents/${incident.id}/report`)).status()).toBe(404);
  expect((await as.operator.post(`/api/v1/incidents/${incident.id}/resolve`, { data: { summary: "not mine" } })).status()).toBe(404);
  expect((await as.operator.post("/api/v1/incidents", { data: { agent: "refund-agent", title: "x", severity: "info" } })).status()).toBe(404);
  expect((await (await as.admin.get(`/api/v1/incidents/${incident.id}`)).json()).incident.status).toBe("open");
});
