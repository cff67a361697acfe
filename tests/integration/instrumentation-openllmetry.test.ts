import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenAIInstrumentation } from "@traceloop/instrumentation-openai";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { getTrace } from "../../lib/traces/get-trace";
import { makeUser } from "./helpers";
import { converse, expectConversation, startHarness, TOOL_RESULT, type Harness } from "./instrumented-openai";

// The real, unmodified OpenLLMetry (Traceloop) instrumentation of the `openai` client (gen_ai.* usage,
// messages as indexed gen_ai.prompt.N / gen_ai.completion.N attributes), exported as OTLP protobuf.

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness("instr-openllmetry");
});
afterAll(() => harness.close());

describe("@traceloop/instrumentation-openai (OpenLLMetry) → Control Room", () => {
  it("shows tokens, cost, messages and tool calls of each model call", async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ "service.name": "orders-agent" }), spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const instrumentation = new OpenAIInstrumentation({ traceContent: true });
    instrumentation.setTracerProvider(provider);
    const openai = createRequire(import.meta.url)("openai") as typeof import("openai");
    // OpenLLMetry patches the client class (its Chat.Completions), not the module.
    instrumentation.manuallyInstrument(openai.OpenAI);
    await converse(openai, harness.openAiUrl);
    await provider.forceFlush();

    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(2);
    await harness.send(spans);
    const admin = await makeUser("admin", []);
    const stored = await Promise.all(
      spans.map(async (span) => (await getTrace(admin, span.spanContext().traceId)).spans.find((one) => one.spanId === span.spanContext().spanId)!),
    );
    // OpenLLMetry records the tool message with its role, so its JSON content reads as the tool's result.
    expectConversation(stored, [{ type: "tool_result", result: JSON.parse(TOOL_RESULT) }]);
  });
});
