import { context, SpanKind, SpanStatusCode, trace, type Attributes } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import type { AgentPrincipal } from "../../lib/auth/principal";
import { createLimiter } from "../../lib/traces/ingest-limiter";
import { ingestOtlp } from "../../lib/traces/ingest-spans";

// Real OTLP for ingest tests: spans recorded by the OpenTelemetry JS SDK and serialized by its own
// OTLP serializers (the ones its exporters use).

export type AgentTask = { spans: ReadableSpan[]; traceId: string; rootSpanId: string };

// One agent task in the GenAI dialect: a root, a priced chat, a tool call and an unpriced chat.
// `resource`: attributes added to the SDK's resource (e.g. controlroom.version).
export function recordAgentTask(options: { sessionId: string; outcome: string; start?: number; resource?: Attributes }): AgentTask {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "claims-agent", ...options.resource }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("ingest-test", "1.0.0");
  const t0 = options.start ?? Date.now() - 10_000;
  const root = tracer.startSpan("invoke_agent claims-agent", {
    startTime: new Date(t0),
    attributes: {
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.agent.name": "claims-agent",
      "gen_ai.conversation.id": options.sessionId,
      "gen_ai.workflow.name": "claims-intake",
      "controlroom.outcome": options.outcome,
    },
  });
  const parent = trace.setSpan(context.active(), root);
  const child = (name: string, from: number, to: number, attributes: Attributes, error?: string) => {
    const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, startTime: new Date(t0 + from), attributes }, parent);
    span.setStatus(error ? { code: SpanStatusCode.ERROR, message: error } : { code: SpanStatusCode.OK });
    span.end(new Date(t0 + to));
  };
  child("chat gpt-4o", 10, 1200, {
    "gen_ai.operation.name": "chat",
    "gen_ai.provider.name": "openai",
    "gen_ai.request.model": "gpt-4o",
    "gen_ai.response.model": "gpt-4o-2024-08-06",
    "gen_ai.usage.input_tokens": 1500,
    "gen_ai.usage.output_tokens": 200,
    "gen_ai.usage.cache_read.input_tokens": 1000,
  });
  child("execute_tool lookup_policy", 1210, 1400, {
    "gen_ai.operation.name": "execute_tool",
    "gen_ai.tool.name": "lookup_policy",
    "gen_ai.tool.call.arguments": '{"policy":"P-1"}',
  }, "policy service timed out");
  child("chat llama-3.3-70b-instruct", 1410, 2000, {
    "gen_ai.operation.name": "chat",
    "gen_ai.provider.name": "vllm",
    "gen_ai.request.model": "llama-3.3-70b-instruct",
    "gen_ai.usage.input_tokens": 800,
    "gen_ai.usage.output_tokens": 50,
  });
  root.setStatus({ code: SpanStatusCode.OK });
  root.end(new Date(t0 + 2100));
  const spans = exporter.getFinishedSpans();
  return { spans, traceId: root.spanContext().traceId, rootSpanId: root.spanContext().spanId };
}

export const protobufOf = (spans: ReadableSpan[]) => ProtobufTraceSerializer.serializeRequest(spans)!;
export const jsonOf = (spans: ReadableSpan[]) => JsonTraceSerializer.serializeRequest(spans)!;

// Each test gets its own limiter, so tests never wait on one another's slots.
export const send = (principal: AgentPrincipal, body: Uint8Array, contentType = "application/x-protobuf", contentEncoding: string | null = null) =>
  ingestOtlp(principal, { body, contentType, contentEncoding }, createLimiter({ concurrency: 4, maxQueue: 16, maxWaitMs: 5000 }));

// An OTLP/JSON request built by hand, for spans no SDK would produce (invalid ids, inverted times).
export type RawSpan = { traceId: string; spanId: string; parentSpanId?: string; name: string; start: bigint; end: bigint; attributes?: Record<string, string | number> };

// `resource`: string attributes added to the resource's service.name.
export function rawJsonRequest(spans: RawSpan[], resource: Record<string, string> = {}): Uint8Array {
  const resourceAttributes = Object.entries({ "service.name": "hand-built", ...resource }).map(([key, value]) => ({ key, value: { stringValue: value } }));
  const body = {
    resourceSpans: [{
      resource: { attributes: resourceAttributes },
      scopeSpans: [{
        scope: { name: "manual" },
        spans: spans.map((span) => ({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId ?? "",
          name: span.name,
          kind: 1,
          startTimeUnixNano: span.start.toString(),
          endTimeUnixNano: span.end.toString(),
          attributes: Object.entries(span.attributes ?? {}).map(([key, value]) => ({
            key,
            value: typeof value === "number" ? { intValue: String(value) } : { stringValue: value },
          })),
          status: { code: 1 },
        })),
      }],
    }],
  };
  return new TextEncoder().encode(JSON.stringify(body));
}
