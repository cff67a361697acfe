import { context, SpanKind, trace as otelTrace } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as traceGet } from "../../app/api/v1/traces/[traceId]/route";
import type { AgentPrincipal } from "../../lib/auth/principal";
import { createAdminKey } from "../../lib/keys/create-key";
import { ingestOtlpLogs } from "../../lib/traces/ingest-logs";
import { createLimiter } from "../../lib/traces/ingest-limiter";
import { traceRoutes } from "../../lib/traces/routes";
import { makeAgent, makeTeam, makeUser } from "./helpers";
import { protobufOf, send } from "./otlp-builders";
import { conversationEvents, logsProtobufOf, recordModelCall } from "./otlp-log-builders";
import { callRoute, type RouteHandler } from "./route-call";

// GET /api/v1/traces/{traceId}: spans carry input, output (as messages, tool calls included) and events,
// for messages that came as OTLP logs, as OpenInference's structured attributes, or as LangChain's
// serialised objects — all sent as real OTLP from the OpenTelemetry SDK.

let agent: AgentPrincipal;
let adminKey: string;

beforeAll(async () => {
  const team = await makeTeam("messages-read");
  const made = await makeAgent(team);
  agent = { kind: "agent", agentId: made.id, agentSlug: made.slug, teamId: team.id, keyId: "test-key" };
  const admin = await makeUser("admin", []);
  ({ key: adminKey } = await createAdminKey(admin, { name: "messages-read" }));
});

type SpanRead = {
  spanId: string;
  input: { text: string; messages: { role: string; parts: Record<string, unknown>[] }[] | null } | null;
  output: SpanRead["input"];
  events: { name: string }[];
};
const readTrace = async (traceId: string) =>
  (await callRoute(traceRoutes.get, traceGet as RouteHandler, { key: adminKey, params: { traceId } })) as { spans: SpanRead[] };

const lc = (className: string, kwargs: Record<string, unknown>) => ({ lc: 1, type: "constructor", id: ["langchain", "schema", "messages", className], kwargs });

function recordOpenInference() {
  const exporter = new InMemorySpanExporter();
  const tracer = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "lc-agent" }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  }).getTracer("openinference.instrumentation.langchain");
  const t0 = Date.now() - 3_000;
  // An LLM span with both the structured messages and LangChain's serialised request in input.value.
  const structured = tracer.startSpan("ChatOpenAI", {
    kind: SpanKind.INTERNAL,
    startTime: new Date(t0),
    attributes: {
      "openinference.span.kind": "LLM",
      "llm.model_name": "gpt-4o-mini",
      "llm.token_count.prompt": 40,
      "llm.token_count.completion": 12,
      "input.value": JSON.stringify({ messages: [[lc("HumanMessage", { content: "raw request", type: "human" })]] }),
      "input.mime_type": "application/json",
      "llm.input_messages.0.message.role": "system",
      "llm.input_messages.0.message.content": "You book trips.",
      "llm.input_messages.1.message.role": "user",
      "llm.input_messages.1.message.content": "Book Paris",
      "output.value": JSON.stringify({ generations: [[{ text: "raw response" }]] }),
      "llm.output_messages.0.message.role": "assistant",
      "llm.output_messages.0.message.tool_calls.0.tool_call.function.name": "book_trip",
      "llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments": '{"city":"Paris"}',
    },
  });
  structured.end(new Date(t0 + 500));
  // One with only LangChain's serialised objects (older instrumentations, or messages not flattened).
  const serialised = tracer.startSpan("ChatOpenAI", {
    startTime: new Date(t0 + 600),
    attributes: {
      "openinference.span.kind": "LLM",
      "llm.model_name": "gpt-4o-mini",
      "input.value": JSON.stringify({
        messages: [[lc("SystemMessage", { content: "You book trips.", type: "system" }), lc("HumanMessage", { content: "Book Rome", type: "human" })]],
      }),
      "output.value": JSON.stringify({
        generations: [[{ text: "", type: "ChatGeneration", message: lc("AIMessage", { content: "", tool_calls: [{ name: "book_trip", args: { city: "Rome" }, id: "c9" }] }) }]],
      }),
    },
  }, otelTrace.setSpan(context.active(), structured));
  serialised.end(new Date(t0 + 900));
  return { spans: exporter.getFinishedSpans(), traceId: structured.spanContext().traceId, structured: structured.spanContext().spanId, serialised: serialised.spanContext().spanId };
}

describe("the read API shows messages, tool calls and events", () => {
  it("for GenAI message events that came as OTLP logs", async () => {
    const call = await recordModelCall({ events: conversationEvents });
    await ingestOtlpLogs(agent, { body: logsProtobufOf(call.logs), contentType: "application/x-protobuf" }, createLimiter({ concurrency: 2, maxQueue: 4, maxWaitMs: 5000 }));
    await send(agent, protobufOf(call.spans));
    const trace = await readTrace(call.traceId);
    const span = trace.spans.find((candidate) => candidate.spanId === call.spanId)!;
    expect(span.input?.messages?.map((message) => message.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(span.input?.messages?.[2].parts).toEqual([{ type: "tool_call", name: "lookup_order", arguments: { order: 42 } }]);
    expect(span.output?.messages).toEqual([{ role: "assistant", parts: [{ type: "text", text: "Order 42 has shipped." }] }]);
    expect(span.events.map((event) => event.name)).toEqual(conversationEvents.map((event) => event.name));
    // The root span recorded nothing: no payload, no events.
    const root = trace.spans.find((candidate) => candidate.spanId !== call.spanId)!;
    expect(root).toMatchObject({ input: null, output: null, events: [] });
  });

  it("for OpenInference: structured llm.input_messages/llm.output_messages before input.value, and LangChain's serialised messages", async () => {
    const recorded = recordOpenInference();
    await send(agent, protobufOf(recorded.spans));
    const trace = await readTrace(recorded.traceId);
    const structured = trace.spans.find((span) => span.spanId === recorded.structured)!;
    expect(structured.input?.messages).toEqual([
      { role: "system", parts: [{ type: "text", text: "You book trips." }] },
      { role: "user", parts: [{ type: "text", text: "Book Paris" }] },
    ]);
    expect(structured.output?.messages).toEqual([{ role: "assistant", parts: [{ type: "tool_call", name: "book_trip", arguments: { city: "Paris" } }] }]);

    const serialised = trace.spans.find((span) => span.spanId === recorded.serialised)!;
    expect(serialised.input?.messages).toEqual([
      { role: "system", parts: [{ type: "text", text: "You book trips." }] },
      { role: "user", parts: [{ type: "text", text: "Book Rome" }] },
    ]);
    expect(serialised.output?.messages?.[0]).toEqual({
      role: "assistant",
      parts: [{ type: "text", text: "" }, { type: "tool_call", name: "book_trip", arguments: { city: "Rome" } }],
    });
  });
});
