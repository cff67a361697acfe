import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgentKey } from "../../lib/keys/create-key";
import { serveNodeRoute } from "../../lib/http/node-routes";
import { ExportTraceServiceResponse } from "../../lib/traces/otlp-schema";
import { db } from "../../lib/db/client";
import { makeAgent, makeTeam, makeUser, unique } from "./helpers";
import { jsonOf, protobufOf, rawJsonRequest, recordAgentTask } from "./otlp-builders";

// OTLP trace ingest as the production server answers it (scripts/serve.mjs asks serveNodeRoute first):
// the same contract as the Next.js route — an ExportTraceServiceResponse in the request's encoding,
// partial success, and the JSON error model — over real HTTP.
let server: http.Server;
let url: string;
let key: string;
let agentId: string;

beforeAll(async () => {
  const team = await makeTeam("node-otlp");
  const admin = await makeUser("admin", []);
  const agent = await makeAgent(team);
  agentId = agent.id;
  ({ key } = await createAgentKey(admin, agent.slug, { name: "node-otlp" }));
  server = http.createServer((request, response) => {
    if (serveNodeRoute(request, response)) return;
    response.writeHead(404, { "Content-Type": "text/plain" }).end("next would answer this");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/otlp/v1/traces`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (body: Uint8Array, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", body: Buffer.from(body), headers: { "Content-Type": "application/x-protobuf", Authorization: `Bearer ${key}`, ...headers } });

describe("POST /api/otlp/v1/traces on node:http", () => {
  it("stores a protobuf batch and answers an empty protobuf ExportTraceServiceResponse", async () => {
    const task = recordAgentTask({ sessionId: `node-otlp-${unique()}`, outcome: "approved" });
    const response = await post(protobufOf(task.spans));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-protobuf");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const answer = ExportTraceServiceResponse.decode(new Uint8Array(await response.arrayBuffer()));
    expect(answer.partialSuccess ?? null).toBeNull();
    expect(await db().span.count({ where: { traceId: task.traceId, agentId } })).toBe(4);
    expect(await db().trace.findUniqueOrThrow({ where: { traceId: task.traceId } })).toMatchObject({ agentId, spanCount: 4, outcome: "approved" });
  });

  it("answers JSON in JSON, and gzip bodies are inflated", async () => {
    const task = recordAgentTask({ sessionId: `node-otlp-${unique()}`, outcome: "approved" });
    const response = await post(gzipSync(jsonOf(task.spans)), { "Content-Type": "application/json", "Content-Encoding": "gzip" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({});
    expect(await db().span.count({ where: { traceId: task.traceId } })).toBe(4);
  });

  it("reports spans it rejects as partial success and stores the rest", async () => {
    const traceId = Buffer.from(Array.from({ length: 16 }, () => Math.floor(Math.random() * 256))).toString("hex");
    const now = BigInt(Date.now()) * 1_000_000n;
    const body = rawJsonRequest([
      { traceId, spanId: "00000000000000a1", name: "root", start: now, end: now + 1_000_000n },
      { traceId, spanId: "00000000000000a2", name: "backwards", start: now, end: now - 1n },
    ]);
    const response = await post(body, { "Content-Type": "application/json" });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { partialSuccess?: { rejectedSpans: string | number; errorMessage: string } };
    expect(Number(answer.partialSuccess?.rejectedSpans)).toBe(1);
    expect(answer.partialSuccess?.errorMessage).toMatch(/end time is before start time/);
    expect(await db().span.count({ where: { traceId } })).toBe(1);
  });

  it.each([
    ["no key", { Authorization: "" }, 401, "unauthenticated"],
    ["a wrong content type", { "Content-Type": "text/plain" }, 415, "unsupported_media_type"],
    ["an unknown content encoding", { "Content-Encoding": "zstd" }, 415, "unsupported_media_type"],
  ])("refuses %s with the JSON error model", async (_name, headers, status, code) => {
    const task = recordAgentTask({ sessionId: `node-otlp-${unique()}`, outcome: "approved" });
    const response = await post(protobufOf(task.spans), headers as Record<string, string>);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    expect(await db().span.count({ where: { traceId: task.traceId } })).toBe(0);
  });

  it("refuses a body over 16 MB with 413 and stays up", async () => {
    const response = await post(new Uint8Array(16 * 1024 * 1024 + 1));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    const task = recordAgentTask({ sessionId: `node-otlp-${unique()}`, outcome: "approved" });
    expect((await post(protobufOf(task.spans))).status).toBe(200);
  });
});
