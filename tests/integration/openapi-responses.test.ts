import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { createAdminKey, createAgentKey } from "../../lib/keys/create-key";
import { db } from "../../lib/db/client";
import type { RouteDeclaration } from "../../lib/http/route-declaration";
import { agentRoutes } from "../../lib/agents/routes";
import { guardRoutes } from "../../lib/guard/routes";
import { keyRoutes } from "../../lib/keys/routes";
import { traceRoutes } from "../../lib/traces/routes";
import { POST as guardPost } from "../../app/api/v1/guard/route";
import { GET as decisionGet } from "../../app/api/v1/guard/decisions/[id]/route";
import { GET as decisionsGet } from "../../app/api/v1/guard/decisions/route";
import { GET as agentsGet } from "../../app/api/v1/agents/route";
import { POST as agentKeysPost } from "../../app/api/v1/agents/[slug]/keys/route";
import { POST as pausePost } from "../../app/api/v1/agents/[slug]/pause/route";
import { GET as tracesGet } from "../../app/api/v1/traces/route";
import { GET as traceGet } from "../../app/api/v1/traces/[traceId]/route";
import { GET as openapiGet } from "../../app/api/v1/openapi.json/route";
import { makeAgent, makeTeam, makeUser } from "./helpers";
import { insertTrace } from "./trace-fixtures";

// Real answers of the routes, through their handlers, parse with the response schemas their
// declarations publish in /api/v1/openapi.json: the description says what the API gives.

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let agentKey: string;
let adminKey: string;
let agentSlug: string;
let traceId: string;

beforeAll(async () => {
  const team = await makeTeam("openapi");
  const admin = await makeUser("admin", []);
  const agent = await makeAgent(team);
  agentSlug = agent.slug;
  await db().policy.create({
    data: {
      agentId: agent.id,
      document: {
        scope: { agent: agent.slug },
        tools: [{ tool: "orders.lookup" }, { tool: "refunds.issue" }],
        gates: [{ id: "large-refund", when: { tool: "refunds.issue", conditions: [{ param: "amount", op: "gt", value: 200 }] }, expiresInSeconds: 600 }],
      },
    },
  });
  ({ key: agentKey } = await createAgentKey(admin, agent.slug, { name: "openapi-agent" }));
  ({ key: adminKey } = await createAdminKey(admin, { name: "openapi-admin" }));
  ({ traceId } = await insertTrace({
    agent,
    start: new Date(),
    spans: [
      { kind: "agent", startMs: 0, durationMs: 1000 },
      { kind: "llm", startMs: 100, model: "gpt-4o", inputTokens: 1000, outputTokens: 200, costUsd: 0.75 },
    ],
  }));
});

async function call(route: RouteDeclaration, handler: Handler, options: { key: string; params?: Record<string, string>; query?: string; body?: unknown }) {
  let path: string = route.path;
  for (const [name, value] of Object.entries(options.params ?? {})) path = path.replace(`{${name}}`, value);
  const url = `http://localhost${path}${options.query ?? ""}`;
  const request = new NextRequest(url, {
    method: route.method,
    headers: { Authorization: `Bearer ${options.key}`, ...(options.body !== undefined ? { "Content-Type": "application/json" } : {}) },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(route.status ?? 200);
  const parsed = (route.response as z.ZodType).safeParse(body);
  expect(parsed.success, `${route.method} ${route.path}: ${parsed.error?.message}`).toBe(true);
  return body;
}

describe("answers parse with their declared response schemas", () => {
  let heldId: string;

  it("POST /api/v1/guard (allow and hold)", async () => {
    const allowed = await call(guardRoutes.check, guardPost, { key: agentKey, body: { check: "action", sessionId: "openapi-1", traceId, action: { tool: "orders.lookup" } } });
    expect(allowed.verdict).toBe("allow");
    const held = await call(guardRoutes.check, guardPost, { key: agentKey, body: { check: "action", sessionId: "openapi-1", traceId, action: { tool: "refunds.issue", amount: 350 }, version: "v1" } });
    expect(held).toMatchObject({ verdict: "hold", expiresAt: expect.any(String), version: "v1" });
    heldId = held.decisionId;
  });

  it("GET /api/v1/guard/decisions/{id}", async () => {
    expect(await call(guardRoutes.decision, decisionGet, { key: agentKey, params: { id: heldId } })).toMatchObject({ decisionId: heldId, verdict: "hold", version: "v1" });
  });

  it("GET /api/v1/guard/decisions (filtered, with a cursor)", async () => {
    const first = await call(guardRoutes.list, decisionsGet, { key: adminKey, query: `?agent=${agentSlug}&limit=1` });
    expect(first.decisions.map((decision: { decisionId: string }) => decision.decisionId)).toEqual([heldId]);
    const second = await call(guardRoutes.list, decisionsGet, { key: adminKey, query: `?agent=${agentSlug}&limit=1&cursor=${first.nextCursor}` });
    expect(second.decisions[0]).toMatchObject({ verdict: "allow", traceId });
  });

  it("GET /api/v1/agents, POST /api/v1/agents/{slug}/keys, POST /api/v1/agents/{slug}/pause", async () => {
    const { agents } = await call(agentRoutes.list, agentsGet, { key: adminKey });
    expect(agents.map((agent: { slug: string }) => agent.slug)).toContain(agentSlug);
    expect((await call(keyRoutes.createForAgent, agentKeysPost, { key: adminKey, params: { slug: agentSlug }, body: { name: "second" } })).key).toBeTruthy();
    expect((await call(agentRoutes.pause, pausePost, { key: adminKey, params: { slug: agentSlug }, body: { reason: "openapi test" } })).agent.status).toBe("paused");
  });

  it("GET /api/v1/traces and /api/v1/traces/{traceId} (with the guard decisions asked with its id)", async () => {
    const page = await call(traceRoutes.list, tracesGet, { key: adminKey, query: `?agent=${agentSlug}` });
    expect(page.traces.map((trace: { traceId: string }) => trace.traceId)).toContain(traceId);
    const trace = await call(traceRoutes.get, traceGet, { key: adminKey, params: { traceId } });
    expect(trace.spans).toHaveLength(2);
    expect(trace.decisions).toHaveLength(2);
  });

  it("GET /api/v1/openapi.json answers without a key", async () => {
    const response = await openapiGet(new NextRequest("http://localhost/api/v1/openapi.json"), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toContain("/api/v1/guard");
  });
});
