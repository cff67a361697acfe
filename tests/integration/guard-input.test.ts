import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { POST as nextGuardRoute } from "../../app/api/v1/guard/route";
import { createAgentKey } from "../../lib/keys/create-key";
import { serveNodeRoute } from "../../lib/http/node-routes";
import type { UserPrincipal } from "../../lib/auth/principal";
import { db } from "../../lib/db/client";
import { makeAgent, makeTeam, makeUser, unique } from "./helpers";

// The guard over real HTTP with input that can never be stored as sent: a 5xx would tell the agent to
// retry something that can only fail again, so such input is a 422 naming what to fix, and a call that
// fails writes nothing (the loop breaker's counters included).
let server: http.Server;
let baseUrl: string;
let key: string;
let agentId: string;

beforeAll(async () => {
  const team = await makeTeam("guard-input");
  const admin: UserPrincipal = await makeUser("admin", []);
  const agent = await makeAgent(team);
  agentId = agent.id;
  await db().policy.create({
    data: { agentId: agent.id, document: { scope: { agent: agent.slug }, tools: [{ tool: "orders.lookup" }, { tool: "orders.note" }], loopBreaker: { sameCallMax: 3 } } },
  });
  ({ key } = await createAgentKey(admin, agent.slug, { name: "guard-input" }));
  server = http.createServer((request, response) => {
    if (!serveNodeRoute(request, response)) response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type ErrorBody = { error: { code: string; message: string; details?: { path?: string } } };

// JSON.stringify writes a lone surrogate as a \ud800 escape, as any JSON encoder must.
const post = (body: unknown) =>
  fetch(`${baseUrl}/api/v1/guard`, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${key}` },
  });

const sessionRow = (sessionId: string) => db().guardSession.findUnique({ where: { agentId_sessionId: { agentId, sessionId } } });

describe("guard input that can never be stored", () => {
  it("keeps an excerpt of a reply whose cut falls inside an emoji (200, a well-formed excerpt)", async () => {
    const sessionId = `emoji-${unique()}`;
    const response = await post({ check: "output", sessionId, text: `${"word ".repeat(31)}wor${"😀".repeat(40)}` });
    expect(response.status).toBe(200);
    const { decisionId } = (await response.json()) as { decisionId: string };
    const stored = await db().guardDecision.findUniqueOrThrow({ where: { id: decisionId } });
    const excerpt = (stored.request as { textExcerpt: string }).textExcerpt;
    expect(excerpt.isWellFormed()).toBe(true);
    expect(excerpt).toBe(`${"word ".repeat(31)}wor…`);
  });

  it.each([
    ["a NUL in text", (s: string) => ({ check: "input", sessionId: s, channel: "user", text: "hello\u0000world" }), "text"],
    ["a lone surrogate in text", (s: string) => ({ check: "output", sessionId: s, text: "broken \ud83d reply" }), "text"],
    ["a NUL in sessionId", (s: string) => ({ check: "input", sessionId: `${s}\u0000`, text: "hi" }), "sessionId"],
    ["a lone surrogate in sessionId", (s: string) => ({ check: "input", sessionId: `${s}\udc00`, text: "hi" }), "sessionId"],
    ["a NUL in action.tool", (s: string) => ({ check: "action", sessionId: s, action: { tool: "orders.\u0000lookup" } }), "action.tool"],
    ["a NUL in workflow", (s: string) => ({ check: "input", sessionId: s, workflow: "claims\u0000", text: "hi" }), "workflow"],
    ["a NUL in a parameter key", (s: string) => ({ check: "action", sessionId: s, action: { tool: "orders.lookup", params: { "id\u0000": 1 } } }), "action.params"],
    ["a lone surrogate in a parameter key", (s: string) => ({ check: "action", sessionId: s, action: { tool: "orders.lookup", params: { "\ud800": 1 } } }), "action.params"],
    ["a NUL deep in a parameter value", (s: string) => ({ check: "action", sessionId: s, action: { tool: "orders.lookup", params: { lines: [{ note: "ok" }, { note: "a\u0000b" }] } } }), "action.params.lines[1].note"],
    ["a lone surrogate in a parameter value", (s: string) => ({ check: "action", sessionId: s, action: { tool: "orders.lookup", params: { note: "\udfff" } } }), "action.params.note"],
  ])("refuses %s with 422 naming the field, and stores nothing", async (_name, body, path) => {
    const sessionId = `bad-${unique()}`;
    const response = await post(body(sessionId));
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe("validation_failed");
    expect(error.details?.path).toBe(path);
    expect(error.message).toContain(path);
    expect(await db().guardDecision.count({ where: { agentId, sessionId: { startsWith: sessionId } } })).toBe(0);
    expect(await sessionRow(sessionId)).toBeNull();
  });

  it("refuses parameters nested 5,000 deep with 422, and stores nothing", async () => {
    const sessionId = `deep-${unique()}`;
    const deep = `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`;
    const response = await post(`{"check":"action","sessionId":"${sessionId}","action":{"tool":"orders.lookup","params":${deep}}}`);
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe("validation_failed");
    expect(error.message).toMatch(/nest/);
    expect(await sessionRow(sessionId)).toBeNull();
  });
});

describe("the same rules on the Next.js route (next dev, next start)", () => {
  it("refuses a NUL in a parameter value with 422 naming the field", async () => {
    const sessionId = `next-${unique()}`;
    const request = new NextRequest("http://localhost/api/v1/guard", {
      method: "POST",
      body: JSON.stringify({ check: "action", sessionId, action: { tool: "orders.lookup", params: { note: "a\u0000b" } } }),
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${key}` },
    });
    const response = await nextGuardRoute(request, { params: Promise.resolve({}) });
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorBody).error).toMatchObject({ code: "validation_failed", details: { path: "action.params.note" } });
    expect(await sessionRow(sessionId)).toBeNull();
  });
});

describe("a guard call that fails writes nothing", () => {
  // The database refuses this session's decision rows (as it would when it fails mid-call).
  async function refuseDecisionsOf(sessionId: string) {
    await db().$executeRawUnsafe(`CREATE OR REPLACE FUNCTION refuse_test_decision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.session_id LIKE 'refused-%' THEN RAISE EXCEPTION 'decision store refused for the test'; END IF; RETURN NEW; END $$`);
    await db().$executeRawUnsafe(`CREATE OR REPLACE TRIGGER refuse_test_decision BEFORE INSERT ON guard_decisions FOR EACH ROW EXECUTE FUNCTION refuse_test_decision()`);
    expect(sessionId.startsWith("refused-")).toBe(true);
  }
  const allowDecisions = () => db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS refuse_test_decision ON guard_decisions`);

  it("leaves the loop breaker's counters as they were when the decision cannot be stored", async () => {
    const sessionId = `refused-${unique()}`;
    const action = { check: "action", sessionId, action: { tool: "orders.lookup", params: { id: 7 } } };
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await refuseDecisionsOf(sessionId);
    try {
      for (let attempt = 0; attempt < 4; attempt++) expect((await post(action)).status).toBe(503);
    } finally {
      await allowDecisions();
      logged.mockRestore();
    }
    expect((await sessionRow(sessionId))?.actions ?? 0).toBe(0);

    const response = await post(action);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ verdict: "allow", reasons: [] });
    expect((await sessionRow(sessionId))?.actions).toBe(1);
  });

  it("decides by the fail mode, counting nothing, when the loop breaker's counters refuse the action", async () => {
    const sessionId = `uncountable-${unique()}`;
    await db().$executeRawUnsafe(`CREATE OR REPLACE FUNCTION refuse_test_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.session_id LIKE 'uncountable-%' THEN RAISE EXCEPTION 'loop counters refused for the test'; END IF; RETURN NEW; END $$`);
    await db().$executeRawUnsafe(`CREATE OR REPLACE TRIGGER refuse_test_count BEFORE INSERT ON guard_calls FOR EACH ROW EXECUTE FUNCTION refuse_test_count()`);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    let response: Response;
    try {
      response = await post({ check: "action", sessionId, action: { tool: "orders.lookup", params: { id: 8 } } });
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS refuse_test_count ON guard_calls`);
      logged.mockRestore();
    }
    expect(response.status).toBe(200);
    const body = (await response.json()) as { decisionId: string; verdict: string; reasons: { code: string; message: string }[] };
    expect(body).toMatchObject({ verdict: "deny", reasons: [{ code: "policy_rule", message: "Control Room could not check budgets and loops (fail mode closed)" }] });
    // The decision that was answered is the one stored; the session's count went with the failed statement.
    expect(await db().guardDecision.findUnique({ where: { id: body.decisionId }, select: { verdict: true } })).toEqual({ verdict: "deny" });
    expect(await sessionRow(sessionId)).toBeNull();
  });

  it("takes the reported usage back off the budget counters when the decision cannot be stored", async () => {
    const sessionId = `refused-${unique()}`;
    const tokensCounted = async () => {
      const rows = await db().budgetCounter.findMany({ where: { scope: `agent:${agentId}`, window: "month" } });
      return rows.reduce((sum, row) => sum + Number(row.tokens), 0);
    };
    const check = { check: "output", sessionId, text: "Your refund is on its way.", usage: { model: "gpt-4o", inputTokens: 1200, outputTokens: 300 } };
    const before = await tokensCounted();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await refuseDecisionsOf(sessionId);
    try {
      for (let attempt = 0; attempt < 2; attempt++) expect((await post(check)).status).toBe(503);
    } finally {
      await allowDecisions();
      logged.mockRestore();
    }
    expect(await tokensCounted()).toBe(before);
    expect((await post(check)).status).toBe(200);
    expect(await tokensCounted()).toBe(before + 1500);
  });
});
