import { randomBytes } from "node:crypto";
import { SpanKind, SpanStatusCode, type Attributes, type HrTime } from "@opentelemetry/api";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";

// OTLP/protobuf batches for the ingest benchmark, encoded by the OpenTelemetry SDK's own serializer
// (what every JS exporter sends). Spans are built directly as ReadableSpans rather than through a
// tracer so the client spends its CPU on encoding, not on SDK bookkeeping: the server shares the
// machine's two cores with it.
const models = [
  { model: "gpt-4.1", provider: "openai" },
  { model: "gpt-4o-mini", provider: "openai" },
  { model: "claude-sonnet-4-5", provider: "anthropic" },
  { model: "gemini-2.5-flash", provider: "gcp.gemini" },
] as const;
const tools = ["policy.lookup", "orders.lookup", "refunds.issue", "vendor.lookup", "email.send"] as const;

const PROMPT = JSON.stringify([
  { role: "user", parts: [{ type: "text", content: "Customer Priya Patel (order ORD-00412345): the blender arrived with a cracked jug. Please refund." }] },
]);
const REPLY = JSON.stringify([
  { role: "assistant", parts: [{ type: "tool_call", id: "call_1", name: "orders.lookup", arguments: { orderId: "ORD-00412345" } }], finish_reason: "tool_call" },
]);

const scope = { name: "control-room-bench", version: "1.0.0" };

// A pool of random bytes consumed 8 or 16 at a time: one crypto call per batch, not per id.
function idSource(spanCount: number) {
  const bytes = randomBytes(spanCount * 8 + Math.ceil(spanCount / 4) * 16 + 64);
  let offset = 0;
  return (size: 8 | 16) => {
    const id = bytes.toString("hex", offset, offset + size);
    offset += size;
    return id;
  };
}

const hr = (ms: number): HrTime => [Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)];

export function buildBatch(agent: string, spanCount: number, now = Date.now()): ReadableSpan[] {
  const resource = resourceFromAttributes({ "service.name": agent, "service.namespace": "bench" });
  const nextId = idSource(spanCount);
  const spans: ReadableSpan[] = [];
  const make = (traceId: string, parentId: string | undefined, name: string, kind: SpanKind, start: number, durationMs: number, attributes: Attributes, error = false) => {
    const spanId = nextId(8);
    spans.push({
      name,
      kind,
      spanContext: () => ({ traceId, spanId, traceFlags: 1 }),
      parentSpanContext: parentId ? { traceId, spanId: parentId, traceFlags: 1 } : undefined,
      startTime: hr(start),
      endTime: hr(start + durationMs),
      duration: hr(durationMs),
      status: { code: error ? SpanStatusCode.ERROR : SpanStatusCode.OK, message: error ? "tool timed out" : undefined },
      attributes,
      links: [],
      events: [],
      ended: true,
      resource,
      instrumentationScope: scope,
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
    });
    return spanId;
  };

  while (spans.length < spanCount) {
    // One task: a root agent span, then alternating model calls and tool calls (up to 12 spans).
    const traceId = nextId(16);
    const start = now - 60_000 + Math.random() * 55_000;
    const steps = Math.min(spanCount - spans.length - 1, 3 + Math.floor(Math.random() * 9));
    const { model, provider } = models[spans.length % models.length];
    const rootId = make(traceId, undefined, `invoke_agent ${agent}`, SpanKind.INTERNAL, start, 400 * (steps + 1), {
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.agent.name": agent,
      "gen_ai.conversation.id": `conv_${traceId.slice(0, 12)}`,
      "gen_ai.workflow.name": "refunds.process",
      "controlroom.outcome": Math.random() < 0.8 ? "refunded" : "escalated",
    });
    for (let step = 0; step < steps; step++) {
      const at = start + 10 + step * 400;
      if (step % 2 === 0) {
        make(traceId, rootId, `chat ${model}`, SpanKind.CLIENT, at, 380, {
          "gen_ai.operation.name": "chat",
          "gen_ai.provider.name": provider,
          "gen_ai.request.model": model,
          "gen_ai.response.model": model,
          "gen_ai.usage.input_tokens": 400 + Math.floor(Math.random() * 2000),
          "gen_ai.usage.output_tokens": 20 + Math.floor(Math.random() * 400),
          "gen_ai.usage.cache_read.input_tokens": step > 0 ? 256 : 0,
          "gen_ai.input.messages": PROMPT,
          "gen_ai.output.messages": REPLY,
        });
      } else {
        const tool = tools[step % tools.length];
        make(traceId, rootId, `execute_tool ${tool}`, SpanKind.INTERNAL, at, 120, {
          "gen_ai.operation.name": "execute_tool",
          "gen_ai.tool.name": tool,
          "gen_ai.tool.call.id": `call_${step}`,
          "gen_ai.tool.call.arguments": '{"orderId":"ORD-00412345"}',
          "gen_ai.tool.call.result": '{"status":"delivered","paid":79.9,"currency":"EUR"}',
        }, Math.random() < 0.01);
      }
    }
  }
  return spans;
}

// The serializer allocates a fresh ArrayBuffer, which fetch accepts as a body.
export function encodeBatch(spans: ReadableSpan[]): Uint8Array<ArrayBuffer> {
  const body = ProtobufTraceSerializer.serializeRequest(spans);
  if (!body) throw new Error("the OTLP serializer produced no payload");
  return body as Uint8Array<ArrayBuffer>;
}

// The partialSuccess of an OTLP response (protobuf): spans the server refused, if any.
export function rejectedSpans(responseBody: Uint8Array): { rejected: number; message?: string } {
  if (responseBody.byteLength === 0) return { rejected: 0 };
  const response = ProtobufTraceSerializer.deserializeResponse(responseBody);
  return { rejected: Number(response.partialSuccess?.rejectedSpans ?? 0), message: response.partialSuccess?.errorMessage };
}
