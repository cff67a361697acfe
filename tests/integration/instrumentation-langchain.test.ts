import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LangChainInstrumentation } from "@arizeai/openinference-instrumentation-langchain";
import { OpenAIInstrumentation } from "@arizeai/openinference-instrumentation-openai";
import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { getTrace } from "../../lib/traces/get-trace";
import { makeUser } from "./helpers";
import { miniCost, QUESTION, startHarness, SYSTEM_PROMPT, TOOL_RESULT, TOOLS, type Harness } from "./instrumented-openai";

// The real, unmodified OpenInference LangChain instrumentation around LangChain's ChatOpenAI (which
// calls the real `openai` client), alone and together with OpenInference's instrumentation of that
// client: the common setup that reports every model call twice, as two LLM spans with the same usage
// from two instrumentation scopes. Loaded through Node's require (CommonJS builds), as in an app.

const load = createRequire(import.meta.url);
type LangChain = {
  ChatOpenAI: new (options: object) => { bindTools: (tools: object[]) => { invoke: (messages: object[]) => Promise<{ tool_calls?: { id?: string }[] }> } };
};

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness("instr-langchain");
  // As an instrumented app has (NodeTracerProvider registers one): spans started inside another's
  // callback join its trace.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
afterAll(async () => {
  context.disable();
  await harness.close();
});

/** Runs the tool-call conversation through ChatOpenAI with the given instrumentations on; its spans. */
async function converse(withOpenAiInstrumentation: boolean) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ "service.name": "orders-agent" }), spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const langchain = new LangChainInstrumentation({ tracerProvider: provider });
  langchain.manuallyInstrument(load("@langchain/core/callbacks/manager"));
  // Constructed only when wanted: an instrumentation hooks `require` as soon as it exists.
  const openAi = withOpenAiInstrumentation ? new OpenAIInstrumentation({ tracerProvider: provider }) : null;
  openAi?.manuallyInstrument(load("openai"));
  try {
    const { ChatOpenAI } = load("@langchain/openai") as LangChain;
    const { SystemMessage, HumanMessage, ToolMessage } = load("@langchain/core/messages");
    const model = new ChatOpenAI({ model: "gpt-4o-mini", apiKey: "test-key", configuration: { baseURL: harness.openAiUrl } }).bindTools(TOOLS);
    const messages = [new SystemMessage(SYSTEM_PROMPT), new HumanMessage(QUESTION)];
    // The agent's own span around its work, as an app has: the spans started inside join its trace.
    await provider.getTracer("orders-agent").startActiveSpan("answer customer", async (root) => {
      const first = await model.invoke(messages);
      await model.invoke([...messages, first, new ToolMessage({ content: TOOL_RESULT, tool_call_id: first.tool_calls![0].id! })]);
      root.end();
    });
    await provider.forceFlush();
  } finally {
    langchain.disable();
    openAi?.disable();
  }
  return exporter.getFinishedSpans();
}

describe("@arizeai/openinference-instrumentation-langchain → Control Room", () => {
  it("shows tokens, cost, messages and tool calls of each model call", async () => {
    const spans = await converse(false);
    const llmSpans = spans.filter((span) => span.attributes["openinference.span.kind"] === "LLM");
    expect(llmSpans).toHaveLength(2);
    await harness.send(spans);
    const admin = await makeUser("admin", []);
    expect(new Set(spans.map((span) => span.spanContext().traceId)).size).toBe(1);
    const trace = await getTrace(admin, llmSpans[0].spanContext().traceId);
    const [one, two] = llmSpans.map((span) => trace.spans.find((stored) => stored.spanId === span.spanContext().spanId)!);

    expect(one).toMatchObject({ kind: "llm", inputTokens: 120, outputTokens: 18 });
    expect(one.model).toMatch(/^gpt-4o-mini/);
    expect(one.costUsd).toBeCloseTo(miniCost(120, 18), 10);
    expect(one.input?.messages).toEqual([
      { role: "system", parts: [{ type: "text", text: SYSTEM_PROMPT }] },
      { role: "user", parts: [{ type: "text", text: QUESTION }] },
    ]);
    expect(one.output?.messages?.[0].parts).toContainEqual({ type: "tool_call", name: "lookup_order", arguments: { order: 42 } });

    expect(two).toMatchObject({ kind: "llm", inputTokens: 160, outputTokens: 9 });
    expect(two.input?.messages?.map((message) => message.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(two.output?.messages?.[0].parts).toContainEqual({ type: "text", text: "Order 42 has shipped." });
    expect(trace.totals).toMatchObject({ inputTokens: 280, outputTokens: 27 });
  });

  it("counts a call once when the OpenAI client is instrumented too", async () => {
    const spans = await converse(true);
    const llmSpans = spans.filter((span) => span.attributes["openinference.span.kind"] === "LLM");
    // Two per call: LangChain's and the client's, from two instrumentation scopes.
    expect(llmSpans).toHaveLength(4);
    expect(new Set(llmSpans.map((span) => span.instrumentationScope.name)).size).toBe(2);
    await harness.send(spans);
    const admin = await makeUser("admin", []);
    // LangChain's span and the client's: siblings under the agent's span, in one trace.
    const traceIds = new Set(spans.map((span) => span.spanContext().traceId));
    expect(traceIds.size).toBe(1);
    const trace = await getTrace(admin, [...traceIds][0]);
    expect(trace.totals).toMatchObject({ inputTokens: 280, outputTokens: 27 });
    expect(Number(trace.totals.costUsd)).toBeCloseTo(miniCost(120, 18) + miniCost(160, 9), 10);
    // Both spans of each call stay visible.
    expect(trace.spans.filter((span) => span.kind === "llm")).toHaveLength(4);
  });
});
