import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenAIInstrumentation } from "@opentelemetry/instrumentation-openai";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { db } from "../../lib/db/client";
import { getTrace } from "../../lib/traces/get-trace";
import { makeUser } from "./helpers";
import { converse, expectConversation, startHarness, TOOL_RESULT, type Harness } from "./instrumented-openai";

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
      await converse(createRequire(import.meta.url)("openai") as typeof import("openai"), harness.openAiUrl);
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

    const views = await Promise.all([firstSpan, secondSpan].map(async ({ traceId, spanId }) => (await getTrace(admin, traceId)).spans.find((span) => span.spanId === spanId)!));
    expectConversation(views, [{ type: "text", text: TOOL_RESULT }]);
  });
});
