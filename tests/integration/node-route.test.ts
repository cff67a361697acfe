import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgentKey } from "../../lib/keys/create-key";
import { serveNodeRoute } from "../../lib/http/node-routes";
import type { UserPrincipal } from "../../lib/auth/principal";
import { db } from "../../lib/db/client";
import { makeAgent, makeTeam, makeUser } from "./helpers";

// The guard endpoint as the production server answers it (scripts/serve.mjs asks serveNodeRoute first):
// same contract and error model as the Next.js route, over real HTTP.
let server: http.Server;
let baseUrl: string;
let key: string;
let agentId: string;

beforeAll(async () => {
  const team = await makeTeam("node-route");
  const admin: UserPrincipal = await makeUser("admin", []);
  const agent = await makeAgent(team);
  agentId = agent.id;
  await db().policy.create({ data: { agentId: agent.id, document: { scope: { agent: agent.slug }, tools: [{ tool: "orders.lookup" }] } } });
  ({ key } = await createAgentKey(admin, agent.slug, { name: "node-route" }));
  server = http.createServer((request, response) => {
    if (serveNodeRoute(request, response)) return;
    response.writeHead(404, { "Content-Type": "text/plain" }).end("next would answer this");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl}/api/v1/guard`, { method: "POST", body, headers: { "Content-Type": "application/json", Authorization: `Bearer ${key}`, ...headers } });

describe("POST /api/v1/guard on node:http", () => {
  it("decides, stores the decision, and answers the contract's JSON", async () => {
    const response = await post(JSON.stringify({ check: "action", sessionId: "node-1", action: { tool: "orders.lookup" } }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const body = (await response.json()) as { decisionId: string; verdict: string; reasons: unknown[] };
    expect(body).toMatchObject({ verdict: "allow", reasons: [] });
    const stored = await db().guardDecision.findUniqueOrThrow({ where: { id: body.decisionId } });
    expect(stored).toMatchObject({ agentId, sessionId: "node-1", check: "action", verdict: "allow" });
  });

  it("answers 30 parallel calls, each with its own stored decision", async () => {
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, index) => post(JSON.stringify({ check: "input", sessionId: `node-par-${index}`, channel: "user", text: "Where is my order?" }))),
    );
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as { decisionId: string }[];
    expect(responses.every((response) => response.status === 200)).toBe(true);
    const stored = await db().guardDecision.findMany({ where: { id: { in: bodies.map((body) => body.decisionId) } }, select: { sessionId: true } });
    expect(stored.map((row) => row.sessionId).sort()).toEqual(Array.from({ length: 30 }, (_, index) => `node-par-${index}`).sort());
  });

  it.each([
    ["no key", { Authorization: "" }, JSON.stringify({}), 401, "unauthenticated"],
    ["a malformed Authorization header", { Authorization: "Basic abc" }, JSON.stringify({}), 401, "unauthenticated"],
    ["a body that is not JSON", {}, "{not json", 400, "bad_request"],
    ["a body sent as text/plain", { "Content-Type": "text/plain" }, "{}x", 415, "unsupported_media_type"],
    ["an invalid request", {}, JSON.stringify({ check: "teleport", sessionId: "x" }), 422, "validation_failed"],
  ])("refuses %s with the error model", async (_name, headers, body, status, code) => {
    const response = await post(body, headers as Record<string, string>);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it("refuses a body over 1 MB with 413 and stays up", async () => {
    const huge = JSON.stringify({ check: "input", sessionId: "big", channel: "user", text: "x".repeat(1_100_000) });
    const response = await post(huge);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    expect((await post(JSON.stringify({ check: "action", sessionId: "after", action: { tool: "a" } }))).status).toBe(200);
  });

  it("leaves every other request to Next.js", async () => {
    expect((await fetch(`${baseUrl}/api/v1/guard`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/api/v1/guard/decisions/x`, { method: "POST" })).status).toBe(404);
    expect((await fetch(`${baseUrl}/api/v1/guardx`, { method: "POST" })).status).toBe(404);
  });
});
