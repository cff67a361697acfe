import { randomBytes } from "node:crypto";
import { expect, test } from "./fixtures/role-fixture";
import { anonymousApi } from "./fixtures/session";
import { createAgent, createAgentKey } from "./fixtures/agents";

// The production server's agent endpoints answer input that can never be stored with a 4xx or a
// per-span rejection, never a 5xx that tells the agent to retry it.
test("the guard keeps emoji replies and refuses NUL, lone surrogates and deep nesting with 422", async ({ as, baseURL }) => {
  const { slug } = await createAgent(as.admin);
  const { key } = await createAgentKey(as.admin, slug);
  const agent = await anonymousApi(baseURL!);
  const post = (data: string) => agent.post("/api/v1/guard", { headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" }, data });

  const reply = await post(JSON.stringify({ check: "output", sessionId: "e2e-input", text: `${"word ".repeat(31)}wor${"😀".repeat(40)}` }));
  expect(reply.status(), await reply.text()).toBe(200);

  for (const [body, path] of [
    [JSON.stringify({ check: "input", sessionId: "e2e-input", channel: "user", text: "a\u0000b" }), "text"],
    [JSON.stringify({ check: "action", sessionId: "e2e-input", action: { tool: "orders.lookup", params: { note: "\ud800" } } }), "action.params.note"],
  ]) {
    const refused = await post(body);
    expect(refused.status()).toBe(422);
    expect((await refused.json()).error).toMatchObject({ code: "validation_failed", details: { path } });
  }
  const deep = await post(`{"check":"action","sessionId":"e2e-input","action":{"tool":"t","params":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}}`);
  expect(deep.status()).toBe(422);
});

test("OTLP: a span in year 10000 is rejected on its own and the rest of the batch is stored", async ({ as, baseURL }) => {
  const { slug } = await createAgent(as.admin);
  const { key } = await createAgentKey(as.admin, slug);
  const agent = await anonymousApi(baseURL!);
  const traceId = randomBytes(16).toString("hex");
  const now = BigInt(Date.now()) * 1_000_000n;
  const late = BigInt(Date.UTC(10000, 0, 1)) * 1_000_000n;
  const spans = Array.from({ length: 10 }, (_, index) => ({
    traceId,
    spanId: randomBytes(8).toString("hex"),
    name: `step ${index}`,
    startTimeUnixNano: String(index === 4 ? late : now),
    endTimeUnixNano: String(index === 4 ? late + 5n : now + 1000n),
  }));
  const body = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] });
  for (const attempt of [1, 2]) {
    const response = await agent.post("/api/otlp/v1/traces", { headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" }, data: body });
    expect(response.status(), `attempt ${attempt}`).toBe(200);
    expect((await response.json()).partialSuccess).toMatchObject({ rejectedSpans: 1, errorMessage: expect.stringContaining("year 10000") });
  }
  const trace = await as.admin.get(`/api/v1/traces/${traceId}`);
  expect(trace.status()).toBe(200);
  expect((await trace.json()).spans).toHaveLength(9);
});
