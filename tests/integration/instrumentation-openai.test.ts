import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenAIInstrumentation } from "@opentelemetry/instrumentation-openai";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { ProtobufLogsSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { createAgentKey } from "../../lib/keys/create-key";
import { serveNodeRoute } from "../../lib/http/node-routes";
import { db } from "../../lib/db/client";
import { getTrace } from "../../lib/traces/get-trace";
import { ensureTestPrices } from "./default-prices";
import { makeAgent, makeTeam, makeUser } from "./helpers";

// The real, unmodified @opentelemetry/instrumentation-openai (GenAI conventions: spans carry usage,
// log records carry the messages) instrumenting the real `openai` client against a tiny local fake of
// the OpenAI API, its spans and log records serialized by the SDK's OTLP serializers and sent over HTTP
// to the real endpoints — logs first, as a BatchLogRecordProcessor often flushes them before the spans.

const TOOL_CALL_RESPONSE = {
  id: "chatcmpl-1",
  object: "chat.completion",
  created: 1_700_000_000,
  model: "gpt-4o-mini-2024-07-18",
  choices: [
    {
      index: 0,
      finish_reason: "tool_calls",
      message: { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup_order", arguments: '{"order":42}' } }] },
    },
  ],
  usage: { prompt_tokens: 120, completion_tokens: 18, total_tokens: 138 },
};
const ANSWER_RESPONSE = {
  id: "chatcmpl-2",
  object: "chat.completion",
  created: 1_700_000_001,
  model: "gpt-4o-mini-2024-07-18",
  choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "Order 42 has shipped." } }],
  usage: { prompt_tokens: 160, completion_tokens: 9, total_tokens: 169 },
};

let fakeOpenAi: http.Server;
let controlRoom: http.Server;
let openAiUrl: string;
let otlpBase: string;
let key: string;
let calls = 0;

const listen = async (server: http.Server) => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  await ensureTestPrices();
  const team = await makeTeam("instr-openai");
  const admin = await makeUser("admin", []);
  const agent = await makeAgent(team);
  ({ key } = await createAgentKey(admin, agent.slug, { name: "instr-openai" }));
  fakeOpenAi = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const body = calls++ === 0 ? TOOL_CALL_RESPONSE : ANSWER_RESPONSE;
      response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    });
  });
  openAiUrl = `${await listen(fakeOpenAi)}/v1`;
  controlRoom = http.createServer((request, response) => {
    if (!serveNodeRoute(request, response)) response.writeHead(404).end();
  });
  otlpBase = `${await listen(controlRoom)}/api/otlp/v1`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => fakeOpenAi.close(() => resolve()));
  await new Promise<void>((resolve) => controlRoom.close(() => resolve()));
});

const post = (signal: "traces" | "logs", body: Uint8Array) =>
  fetch(`${otlpBase}/${signal}`, { method: "POST", body: Buffer.from(body), headers: { "Content-Type": "application/x-protobuf", Authorization: `Bearer ${key}` } });

describe("@opentelemetry/instrumentation-openai → Control Room", () => {
  it("shows tokens, cost, messages and tool calls of each model call", async () => {
    const resource = resourceFromAttributes({ "service.name": "orders-agent" });
    const spanExporter = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
    const logExporter = new InMemoryLogRecordExporter();
    const loggerProvider = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter: logExporter })] });
    const instrumentation = new OpenAIInstrumentation({ captureMessageContent: true });
    instrumentation.setTracerProvider(tracerProvider);
    instrumentation.setLoggerProvider(loggerProvider);
    instrumentation.enable();
    try {
      // Loaded through Node's require, which the instrumentation hooks (as in an instrumented app).
      const { OpenAI } = createRequire(import.meta.url)("openai") as typeof import("openai");
      const client = new OpenAI({ apiKey: "test-key", baseURL: openAiUrl });
      const messages = [
        { role: "system" as const, content: "You are a support agent." },
        { role: "user" as const, content: "Where is order 42?" },
      ];
      const tools = [{ type: "function" as const, function: { name: "lookup_order", parameters: { type: "object", properties: { order: { type: "number" } } } } }];
      const first = await client.chat.completions.create({ model: "gpt-4o-mini", messages, tools });
      const toolCall = first.choices[0].message.tool_calls![0];
      await client.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [...messages, first.choices[0].message, { role: "tool", tool_call_id: toolCall.id, content: '{"status":"shipped"}' }],
        tools,
      });
      await loggerProvider.forceFlush();
    } finally {
      instrumentation.disable();
    }

    const spans = spanExporter.getFinishedSpans();
    const records = logExporter.getFinishedLogRecords();
    expect(spans).toHaveLength(2);
    expect(records.length).toBeGreaterThanOrEqual(6); // 2 + 4 messages, 2 choices
    expect((await post("logs", ProtobufLogsSerializer.serializeRequest(records)!)).status).toBe(200);
    const traced = await post("traces", ProtobufTraceSerializer.serializeRequest(spans)!);
    expect(traced.status).toBe(200);

    const [firstSpan, secondSpan] = spans.map((span) => span.spanContext());
    const admin = await makeUser("admin", []);
    const stored = await db().span.findMany({ where: { spanId: { in: [firstSpan.spanId, secondSpan.spanId] } } });
    expect(stored).toHaveLength(2);
    expect(await db().pendingSpanEvent.count({ where: { traceId: { in: [firstSpan.traceId, secondSpan.traceId] } } })).toBe(0);

    const first = (await getTrace(admin, firstSpan.traceId)).spans.find((span) => span.spanId === firstSpan.spanId)!;
    expect(first).toMatchObject({ kind: "llm", model: "gpt-4o-mini", inputTokens: 120, outputTokens: 18 });
    expect(first.costUsd).toBeCloseTo((120 * 0.15 + 18 * 0.6) / 1e6, 10);
    expect(first.input?.messages).toEqual([
      { role: "system", parts: [{ type: "text", text: "You are a support agent." }] },
      { role: "user", parts: [{ type: "text", text: "Where is order 42?" }] },
    ]);
    expect(first.output?.messages).toEqual([{ role: "assistant", parts: [{ type: "tool_call", name: "lookup_order", arguments: { order: 42 } }] }]);

    const second = (await getTrace(admin, secondSpan.traceId)).spans.find((span) => span.spanId === secondSpan.spanId)!;
    expect(second).toMatchObject({ inputTokens: 160, outputTokens: 9 });
    expect(second.input?.messages?.map((message) => message.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(second.input?.messages?.[2].parts).toContainEqual({ type: "tool_call", name: "lookup_order", arguments: { order: 42 } });
    expect(second.input?.messages?.[3].parts).toEqual([{ type: "text", text: '{"status":"shipped"}' }]);
    expect(second.output?.messages).toEqual([{ role: "assistant", parts: [{ type: "text", text: "Order 42 has shipped." }] }]);
  });
});
