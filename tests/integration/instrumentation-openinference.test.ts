import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenAIInstrumentation } from "@arizeai/openinference-instrumentation-openai";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { getTrace } from "../../lib/traces/get-trace";
import { makeUser } from "./helpers";
import { miniCost, QUESTION, startHarness, SYSTEM_PROMPT, TOOL_RESULT, TOOLS, type Harness } from "./instrumented-openai";

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
    const client = new openai.OpenAI({ apiKey: "test-key", baseURL: harness.openAiUrl });
    const messages = [
      { role: "system" as const, content: SYSTEM_PROMPT },
      { role: "user" as const, content: QUESTION },
    ];
    const first = await client.chat.completions.create({ model: "gpt-4o-mini", messages, tools: TOOLS });
    const toolCall = first.choices[0].message.tool_calls![0];
    await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [...messages, first.choices[0].message, { role: "tool", tool_call_id: toolCall.id, content: TOOL_RESULT }],
      tools: TOOLS,
    });
    await provider.forceFlush();

    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(2);
    await harness.send(spans);
    const admin = await makeUser("admin", []);
    const [firstSpan, secondSpan] = spans.map((span) => span.spanContext());

    const one = (await getTrace(admin, firstSpan.traceId)).spans.find((span) => span.spanId === firstSpan.spanId)!;
    expect(one).toMatchObject({ kind: "llm", inputTokens: 120, outputTokens: 18 });
    expect(one.model).toMatch(/^gpt-4o-mini/);
    expect(one.costUsd).toBeCloseTo(miniCost(120, 18), 10);
    expect(one.input?.messages).toEqual([
      { role: "system", parts: [{ type: "text", text: SYSTEM_PROMPT }] },
      { role: "user", parts: [{ type: "text", text: QUESTION }] },
    ]);
    expect(one.output?.messages).toEqual([{ role: "assistant", parts: [{ type: "tool_call", name: "lookup_order", arguments: { order: 42 } }] }]);

    const two = (await getTrace(admin, secondSpan.traceId)).spans.find((span) => span.spanId === secondSpan.spanId)!;
    expect(two).toMatchObject({ kind: "llm", inputTokens: 160, outputTokens: 9 });
    expect(two.costUsd).toBeCloseTo(miniCost(160, 9), 10);
    expect(two.input?.messages?.map((message) => message.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(two.input?.messages?.[2].parts).toContainEqual({ type: "tool_call", name: "lookup_order", arguments: { order: 42 } });
    expect(two.input?.messages?.[3].parts).toEqual([{ type: "text", text: TOOL_RESULT }]);
    expect(two.output?.messages).toEqual([{ role: "assistant", parts: [{ type: "text", text: "Order 42 has shipped." }] }]);
  });
});
