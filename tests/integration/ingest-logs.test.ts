import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProtobufLogsSerializer } from "@opentelemetry/otlp-transformer";
import type { AgentPrincipal } from "../../lib/auth/principal";
import { db } from "../../lib/db/client";
import { serveNodeRoute } from "../../lib/http/node-routes";
import { createAgentKey } from "../../lib/keys/create-key";
import { dropExpiredPending } from "../../lib/traces/attach-content-events";
import { ingestOtlpLogs } from "../../lib/traces/ingest-logs";
import { parsePayload } from "../../lib/traces/messages";
import { createLimiter } from "../../lib/traces/ingest-limiter";
import { ExportLogsServiceResponse } from "../../lib/traces/otlp-schema";
import { POST as postLogsRoute } from "../../app/api/otlp/v1/logs/route";
import { expectAppError, makeAgent, makeTeam, makeUser } from "./helpers";
import { jsonOf, protobufOf, send } from "./otlp-builders";
import { conversationEvents, logsJsonOf, logsProtobufOf, recordModelCall } from "./otlp-log-builders";

// POST /api/otlp/v1/logs: GenAI content events from real OpenTelemetry SDK log records, joined to their
// span whichever arrives first; everything else counted in the partial success.

let agent: AgentPrincipal;
let other: AgentPrincipal;

async function principalFor(prefix: string): Promise<AgentPrincipal> {
  const team = await makeTeam(prefix);
  const made = await makeAgent(team);
  return { kind: "agent", agentId: made.id, agentSlug: made.slug, teamId: team.id, keyId: "test-key" };
}

beforeAll(async () => {
  agent = await principalFor("logs");
  other = await principalFor("logs-other");
});

const limiter = () => createLimiter({ concurrency: 4, maxQueue: 16, maxWaitMs: 5000 });
const sendLogs = (principal: AgentPrincipal, body: Uint8Array, contentType = "application/x-protobuf", contentEncoding: string | null = null) =>
  ingestOtlpLogs(principal, { body, contentType, contentEncoding }, limiter());
const spanOf = (traceId: string, spanId: string) => db().span.findUniqueOrThrow({ where: { traceId_spanId: { traceId, spanId } } });
const pendingOf = (traceId: string) => db().pendingSpanEvent.count({ where: { traceId } });

function expectConversation(span: { input: string | null; output: string | null; events: unknown }) {
  const input = parsePayload(span.input);
  expect(input.kind).toBe("messages");
  if (input.kind !== "messages") return;
  expect(input.messages.map((message) => message.role)).toEqual(["system", "user", "assistant", "tool"]);
  expect(input.messages[1].parts).toEqual([{ type: "text", text: "Where is order 42?" }]);
  expect(input.messages[2].parts).toEqual([{ type: "tool_call", name: "lookup_order", arguments: { order: 42 } }]);
  expect(input.messages[3].parts).toEqual([{ type: "text", text: '{"status":"shipped"}' }]);
  const output = parsePayload(span.output);
  expect(output.kind).toBe("messages");
  if (output.kind === "messages") expect(output.messages).toEqual([{ role: "assistant", parts: [{ type: "text", text: "Order 42 has shipped." }] }]);
  expect((span.events as { name: string }[]).map((event) => event.name)).toEqual(conversationEvents.map((event) => event.name));
}

describe("OTLP logs: GenAI content events joined to their span", () => {
  it("adds the messages (tool calls included) to a span stored before them (protobuf)", async () => {
    const call = await recordModelCall({ events: conversationEvents });
    await send(agent, protobufOf(call.spans));
    expect((await spanOf(call.traceId, call.spanId)).input).toBeNull();

    const result = await sendLogs(agent, logsProtobufOf(call.logs));
    expect(result).toMatchObject({ format: "protobuf", receivedLogRecords: 5, attachedEvents: 5, pendingEvents: 0, rejectedLogRecords: 0 });
    expect(ProtobufLogsSerializer.deserializeResponse(result.response.body)).toEqual({});
    const span = await spanOf(call.traceId, call.spanId);
    expectConversation(span);
    // Tokens and cost are the span's, untouched by its messages.
    expect(span).toMatchObject({ inputTokens: 120, outputTokens: 30, model: "gpt-4o-mini" });
    expect(await pendingOf(call.traceId)).toBe(0);

    // A re-sent export changes nothing.
    await sendLogs(agent, logsProtobufOf(call.logs));
    expect((await spanOf(call.traceId, call.spanId)).events).toEqual(span.events);
  });

  it("keeps messages that arrive before their span and applies them when it comes (gzipped JSON)", async () => {
    const call = await recordModelCall({ events: conversationEvents });
    const result = await sendLogs(agent, gzipSync(logsJsonOf(call.logs)), "application/json", "gzip");
    expect(result).toMatchObject({ format: "json", attachedEvents: 0, pendingEvents: 5, rejectedLogRecords: 0 });
    expect(JSON.parse(Buffer.from(result.response.body).toString())).toEqual({});
    expect(await pendingOf(call.traceId)).toBe(1);

    await send(agent, jsonOf(call.spans), "application/json");
    expectConversation(await spanOf(call.traceId, call.spanId));
    expect(await pendingOf(call.traceId)).toBe(0);
  });

  it("joins messages that arrive in several exports, before and after the span", async () => {
    const call = await recordModelCall({ events: conversationEvents });
    // Two exports wait for the span; they are applied in the order they came.
    await sendLogs(agent, logsProtobufOf(call.logs.slice(0, 1)));
    await sendLogs(agent, logsProtobufOf(call.logs.slice(1, 2)));
    expect(await pendingOf(call.traceId)).toBe(2);
    await send(agent, protobufOf(call.spans));
    const early = parsePayload((await spanOf(call.traceId, call.spanId)).input);
    expect(early.kind === "messages" && early.messages.map((message) => message.role)).toEqual(["system", "user"]);
    await sendLogs(agent, logsProtobufOf(call.logs.slice(2)));
    expectConversation(await spanOf(call.traceId, call.spanId));
  });

  it("reads the single gen_ai.client.inference.operation.details event, before or after the span", async () => {
    const details = {
      name: "gen_ai.client.inference.operation.details",
      attributes: {
        "gen_ai.system_instructions": JSON.stringify([{ type: "text", content: "Be brief." }]),
        "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: "Refund order 7" }] }]),
        "gen_ai.output.messages": JSON.stringify([
          { role: "assistant", parts: [{ type: "tool_call", id: "c1", name: "refund", arguments: { order: 7 } }], finish_reason: "tool_call" },
        ]),
      },
    };
    for (const logsFirst of [true, false]) {
      const call = await recordModelCall({ events: [details] });
      if (logsFirst) await sendLogs(agent, logsProtobufOf(call.logs));
      await send(agent, protobufOf(call.spans));
      if (!logsFirst) await sendLogs(agent, logsProtobufOf(call.logs));
      const span = await spanOf(call.traceId, call.spanId);
      const input = parsePayload(span.input);
      expect(input.kind === "messages" && input.messages).toEqual([{ role: "user", parts: [{ type: "text", text: "Refund order 7" }] }]);
      const output = parsePayload(span.output);
      expect(output.kind === "messages" && output.messages[0].parts).toEqual([{ type: "tool_call", name: "refund", arguments: { order: 7 } }]);
    }
  });

  it("maps the same events arriving as span events at span ingest", async () => {
    const call = await recordModelCall({
      events: [],
      spanEvents: [
        { name: "gen_ai.user.message", attributes: { content: "Where is order 42?" } },
        { name: "gen_ai.choice", attributes: { message: JSON.stringify({ content: "Shipped.", tool_calls: [{ id: "c", type: "function", function: { name: "track", arguments: "{}" } }] }), finish_reason: "stop" } },
      ],
    });
    await send(agent, protobufOf(call.spans));
    const span = await spanOf(call.traceId, call.spanId);
    const input = parsePayload(span.input);
    expect(input.kind === "messages" && input.messages).toEqual([{ role: "user", parts: [{ type: "text", text: "Where is order 42?" }] }]);
    const output = parsePayload(span.output);
    expect(output.kind === "messages" && output.messages[0].parts).toEqual([
      { type: "text", text: "Shipped." },
      { type: "tool_call", name: "track", arguments: {} },
    ]);
  });

  it("counts other log records, records without a span and another team's spans as rejected, with the reason", async () => {
    const call = await recordModelCall({
      events: [
        { name: "gen_ai.user.message", body: { content: "hi" } },
        { name: "app.started", body: "listening on 8080" },
        { name: "gen_ai.user.message", body: { content: "no span" }, detached: true },
      ],
    });
    const result = await sendLogs(agent, logsProtobufOf(call.logs));
    expect(result).toMatchObject({ receivedLogRecords: 3, pendingEvents: 1, rejectedLogRecords: 2 });
    const answer = ExportLogsServiceResponse.toObject(ExportLogsServiceResponse.decode(result.response.body), { longs: Number });
    expect(answer.partialSuccess.rejectedLogRecords).toBe(2);
    expect(answer.partialSuccess.errorMessage).toMatch(/2 log records not kept: 1 not a GenAI content event .*; 1 no trace and span id/);

    // Another team's agent cannot write messages onto this team's span.
    await send(agent, protobufOf(call.spans));
    const foreign = await sendLogs(other, logsProtobufOf(call.logs.slice(0, 1)));
    expect(foreign).toMatchObject({ rejectedLogRecords: 1, errorMessage: expect.stringContaining("another team's agent") });
  });

  it("drops content events whose span never came after the retention period", async () => {
    const call = await recordModelCall({ events: [{ name: "gen_ai.user.message", body: { content: "lost" } }] });
    await sendLogs(agent, logsProtobufOf(call.logs));
    expect(await pendingOf(call.traceId)).toBe(1);
    await dropExpiredPending(new Date(Date.now() + 25 * 3600_000));
    expect(await pendingOf(call.traceId)).toBe(0);
  });

  it("refuses what can never succeed with the error model", async () => {
    await expectAppError(sendLogs(agent, new Uint8Array([0xff, 0xff, 0xff])), "bad_request");
    await expectAppError(sendLogs(agent, new TextEncoder().encode("{nope"), "application/json"), "bad_request");
    await expectAppError(sendLogs(agent, new TextEncoder().encode("{}"), "text/plain"), "unsupported_media_type");
    await expectAppError(sendLogs(agent, new TextEncoder().encode('{"resourceLogs":{}}'), "application/json"), "bad_request");
  });
});

describe("POST /api/otlp/v1/logs over HTTP", () => {
  let server: http.Server;
  let url: string;
  let key: string;

  beforeAll(async () => {
    const team = await makeTeam("logs-http");
    const admin = await makeUser("admin", []);
    const made = await makeAgent(team);
    ({ key } = await createAgentKey(admin, made.slug, { name: "logs-http" }));
    server = http.createServer((request, response) => {
      if (serveNodeRoute(request, response)) return;
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/otlp/v1/logs`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("answers on the node:http fast path: protobuf, gzip, and 4xx errors with a code", async () => {
    const call = await recordModelCall({ events: conversationEvents });
    const headers = { "Content-Type": "application/x-protobuf", Authorization: `Bearer ${key}` };
    const ok = await fetch(url, { method: "POST", body: gzipSync(logsProtobufOf(call.logs)), headers: { ...headers, "Content-Encoding": "gzip" } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/x-protobuf");
    expect(ExportLogsServiceResponse.decode(new Uint8Array(await ok.arrayBuffer())).toJSON()).toEqual({});
    expect(await pendingOf(call.traceId)).toBe(1);

    const unauthenticated = await fetch(url, { method: "POST", body: Buffer.from(logsProtobufOf(call.logs)), headers: { ...headers, Authorization: "Bearer nope" } });
    expect(unauthenticated.status).toBe(401);
    expect((await unauthenticated.json()).error.code).toBeTruthy();
    const garbage = await fetch(url, { method: "POST", body: Buffer.from([0xff, 0xff, 0xff]), headers });
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).error.code).toBe("bad_request");
    const wrongType = await fetch(url, { method: "POST", body: "x", headers: { ...headers, "Content-Type": "text/plain" } });
    expect(wrongType.status).toBe(415);
  });

  it("answers on the Next.js route the same way (JSON)", async () => {
    const call = await recordModelCall({ events: conversationEvents });
    const request = new NextRequest("http://localhost/api/otlp/v1/logs", {
      method: "POST",
      body: Buffer.from(logsJsonOf(call.logs)),
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${key}` },
    });
    const response = await postLogsRoute(request);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(await pendingOf(call.traceId)).toBe(1);
  });
});
