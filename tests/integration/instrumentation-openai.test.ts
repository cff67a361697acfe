import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenAIInstrumentation } from "@opentelemetry/instrumentation-openai";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { db } from "../../lib/db/client";
import { getTrace } from "../../lib/traces/get-trace";
import { makeUser } from "./helpers";
import { miniCost, QUESTION, startHarness, SYSTEM_PROMPT, TOOL_RESULT, TOOLS, type Harness } from "./instrumented-openai";

// The real, unmodified @opentelemetry/instrumentation-openai (GenAI conventions: spans carry usage,
// log records carry the messages) instrumenting the real `openai` client against a tiny local fake of
// the OpenAI API, its spans and log records serialized by the SDK's OTLP serializers and sent over HTTP
// to the real endpoints — logs first, as a BatchLogRecordProcessor often flushes them before the spans.

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness("instr-openai");
});
afterAll(() => harness.close());

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
      const client = new OpenAI({ apiKey: "test-key", baseURL: harness.openAiUrl });
      const messages = [
        { role: "system" as const, content: SYSTEM_PROMPT },
        { role: "user" as const, content: QUESTION },
      ];
      const tools = TOOLS;
      const first = await client.chat.completions.create({ model: "gpt-4o-mini", messages, tools });
      const toolCall = first.choices[0].message.tool_calls![0];
      await client.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [...messages, first.choices[0].message, { role: "tool", tool_call_id: toolCall.id, content: TOOL_RESULT }],
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
    await harness.send(spans, records);

    const [firstSpan, secondSpan] = spans.map((span) => span.spanContext());
    const admin = await makeUser("admin", []);
    const stored = await db().span.findMany({ where: { spanId: { in: [firstSpan.spanId, secondSpan.spanId] } } });
    expect(stored).toHaveLength(2);
    expect(await db().pendingSpanEvent.count({ where: { traceId: { in: [firstSpan.traceId, secondSpan.traceId] } } })).toBe(0);

    const first = (await getTrace(admin, firstSpan.traceId)).spans.find((span) => span.spanId === firstSpan.spanId)!;
    expect(first).toMatchObject({ kind: "llm", model: "gpt-4o-mini", inputTokens: 120, outputTokens: 18 });
    expect(first.costUsd).toBeCloseTo(miniCost(120, 18), 10);
    expect(first.input?.messages).toEqual([
      { role: "system", parts: [{ type: "text", text: SYSTEM_PROMPT }] },
      { role: "user", parts: [{ type: "text", text: QUESTION }] },
    ]);
    expect(first.output?.messages).toEqual([{ role: "assistant", parts: [{ type: "tool_call", name: "lookup_order", arguments: { order: 42 } }] }]);

    const second = (await getTrace(admin, secondSpan.traceId)).spans.find((span) => span.spanId === secondSpan.spanId)!;
    expect(second).toMatchObject({ inputTokens: 160, outputTokens: 9 });
    expect(second.input?.messages?.map((message) => message.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(second.input?.messages?.[2].parts).toContainEqual({ type: "tool_call", name: "lookup_order", arguments: { order: 42 } });
    expect(second.input?.messages?.[3].parts).toEqual([{ type: "text", text: TOOL_RESULT }]);
    expect(second.output?.messages).toEqual([{ role: "assistant", parts: [{ type: "text", text: "Order 42 has shipped." }] }]);
  });
});
