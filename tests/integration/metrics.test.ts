import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AgentPrincipal } from "../../lib/auth/principal";
import { serveNodeRoute } from "../../lib/http/node-routes";
import { createAgentKey } from "../../lib/keys/create-key";
import { GET } from "../../app/metrics/route";
import { db } from "../../lib/db/client";
import { makeAgent, makeTeam, makeUser, onPostgres, unique } from "./helpers";
import { protobufOf, recordAgentTask, send } from "./otlp-builders";

// GET /metrics after real work: a guard call answered on node:http (as the production server does)
// and an OTLP batch moves the counters, and the scrape is Prometheus text.
let server: http.Server;
let baseUrl: string;
let key: string;
let agent: AgentPrincipal;

beforeAll(async () => {
  const team = await makeTeam("metrics");
  const admin = await makeUser("admin", []);
  const created = await makeAgent(team);
  agent = { kind: "agent", agentId: created.id, agentSlug: created.slug, teamId: team.id, keyId: "test-key" };
  await db().policy.create({ data: { agentId: created.id, document: { scope: { agent: created.slug }, tools: [{ tool: "orders.lookup" }] } } });
  ({ key } = await createAgentKey(admin, created.slug, { name: "metrics" }));
  server = http.createServer((request, response) => {
    if (!serveNodeRoute(request, response)) response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

afterEach(() => {
  delete process.env.CONTROLROOM_METRICS_TOKEN;
});

const scrape = (authorization?: string) =>
  GET(new Request("http://localhost/metrics", { headers: authorization ? { Authorization: authorization } : {} }));

// A series' value in the scrape (0 when absent: a counter not yet counted has no series).
function valueOf(body: string, series: string): number {
  const line = body.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

const guardSeries = 'controlroom_guard_decisions_total{check="action",verdict="allow"}';
const guardRequests = 'controlroom_http_requests_total{route="/api/v1/guard",method="POST",status="200"}';
const guardUnauthenticated = 'controlroom_http_requests_total{route="/api/v1/guard",method="POST",status="401"}';
const guardDurations = 'controlroom_http_request_duration_seconds_count{route="/api/v1/guard",method="POST"}';

const guardCall = (authorization: string) =>
  fetch(`${baseUrl}/api/v1/guard`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: authorization },
    body: JSON.stringify({ check: "action", sessionId: `metrics-${unique()}`, action: { tool: "orders.lookup" } }),
  });

describe("GET /metrics", () => {
  it("counts guard calls answered on node:http and ingested spans, in Prometheus text", async () => {
    const before = await (await scrape()).text();

    const allowed = await guardCall(`Bearer ${key}`);
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { verdict: string }).verdict).toBe("allow");
    expect((await guardCall("Bearer cr_not_a_key")).status).toBe(401);
    const task = recordAgentTask({ sessionId: `metrics-${unique()}`, outcome: "approved" });
    expect(await send(agent, protobufOf(task.spans))).toMatchObject({ storedSpans: 4, rejectedSpans: 0 });

    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    const after = await response.text();
    expect(valueOf(after, guardSeries) - valueOf(before, guardSeries)).toBe(1);
    expect(valueOf(after, guardRequests) - valueOf(before, guardRequests)).toBe(1);
    expect(valueOf(after, guardUnauthenticated) - valueOf(before, guardUnauthenticated)).toBe(1);
    expect(valueOf(after, guardDurations) - valueOf(before, guardDurations)).toBe(2);
    expect(valueOf(after, "controlroom_spans_ingested_total") - valueOf(before, "controlroom_spans_ingested_total")).toBe(4);
    expect(after).toContain("# TYPE controlroom_ingest_queue_depth gauge");
    expect(after).toContain("# TYPE process_resident_memory_bytes gauge");
  });

  it("reports the PostgreSQL pools, and none on the embedded database", async () => {
    const body = await (await scrape()).text();
    if (onPostgres) {
      for (const pool of ["prisma", "guard"]) {
        for (const state of ["total", "idle", "waiting"]) expect(body).toMatch(new RegExp(`^controlroom_db_pool_connections\\{pool="${pool}",state="${state}"\\} \\d+$`, "m"));
      }
      expect(valueOf(body, 'controlroom_db_pool_connections{pool="prisma",state="total"}')).toBeGreaterThan(0);
    } else {
      expect(body).not.toMatch(/^controlroom_db_pool_connections\{/m);
    }
  });

  it("asks for the bearer token when CONTROLROOM_METRICS_TOKEN is set", async () => {
    process.env.CONTROLROOM_METRICS_TOKEN = "scrape-secret";
    for (const authorization of [undefined, "Bearer wrong", `Bearer ${key}`]) {
      const refused = await scrape(authorization);
      expect(refused.status).toBe(401);
      expect(refused.headers.get("www-authenticate")).toContain("Bearer");
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
    }
    const allowed = await scrape("Bearer scrape-secret");
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain("controlroom_guard_decisions_total");
  });
});
