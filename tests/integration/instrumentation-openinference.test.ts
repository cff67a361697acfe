import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenAIInstrumentation } from "@arizeai/openinference-instrumentation-openai";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { getTrace } from "../../lib/traces/get-trace";
import { makeUser } from "./helpers";
import { converse, expectConversation, startHarness, TOOL_RESULT, type Harness } from "./instrumented-openai";

// The real, unmodified OpenInference instrumentation of the `openai` client (openinference.span.kind,
// llm.* attributes, messages as llm.input_messages / llm.output_messages), exported as OTLP protobuf.

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness("instr-openinference");
});
afterAll(() => harness.close());

describe("@arizeai/openinference-instrumentation-openai → Control Room", () => {
  it("shows tokens, cost, messages and tool calls of each model call", async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ "service.name": "orders-agent" }), spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const instrumentation = new OpenAIInstrumentation({ tracerProvider: provider });
    const openai = createRequire(import.meta.url)("openai") as typeof import("openai");
    // It patches the module's OpenAI class (module.OpenAI); its type names the class itself.
    instrumentation.manuallyInstrument(openai as unknown as Parameters<typeof instrumentation.manuallyInstrument>[0]);
    await converse(openai, harness.openAiUrl);
    await provider.forceFlush();

    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(2);
    await harness.send(spans);
    const admin = await makeUser("admin", []);
    const stored = await Promise.all(
      spans.map(async (span) => (await getTrace(admin, span.spanContext().traceId)).spans.find((one) => one.spanId === span.spanContext().spanId)!),
    );
    expectConversation(stored, [{ type: "text", text: TOOL_RESULT }]);
  });
});
