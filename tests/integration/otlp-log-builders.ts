import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes } from "@opentelemetry/api";
import type { AnyValue } from "@opentelemetry/api-logs";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from "@opentelemetry/sdk-logs";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { JsonLogsSerializer, ProtobufLogsSerializer } from "@opentelemetry/otlp-transformer";

// Real OTLP logs for ingest tests: a model call recorded by the OpenTelemetry JS SDK, its messages
// emitted as log records in the call's span context the way @opentelemetry/instrumentation-openai does
// (event name, gen_ai.system attribute, the message in the body), serialized by the SDK's own OTLP
// serializers (the ones its exporters use).

// detached: emitted outside any span (no trace and span id).
export type ContentEvent = { name: string; body?: AnyValue; attributes?: Attributes; detached?: boolean };
export type ModelCall = { spans: ReadableSpan[]; logs: ReadableLogRecord[]; traceId: string; spanId: string };

const resource = resourceFromAttributes({ "service.name": "support-agent" });

export async function recordModelCall(options: { events: ContentEvent[]; spanEvents?: ContentEvent[]; attributes?: Attributes; withRoot?: boolean }): Promise<ModelCall> {
  const spanExporter = new InMemorySpanExporter();
  const tracer = new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(spanExporter)] }).getTracer("@opentelemetry/instrumentation-openai", "0.1.0");
  const logExporter = new InMemoryLogRecordExporter();
  const loggerProvider = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter: logExporter })] });
  const logger = loggerProvider.getLogger("@opentelemetry/instrumentation-openai", "0.1.0");
  const t0 = Date.now() - 5_000;
  const root = options.withRoot === false ? undefined : tracer.startSpan("invoke_agent support-agent", { startTime: new Date(t0), attributes: { "gen_ai.operation.name": "invoke_agent" } });
  const parent = root ? trace.setSpan(context.active(), root) : context.active();
  const span = tracer.startSpan(
    "chat gpt-4o-mini",
    {
      kind: SpanKind.CLIENT,
      startTime: new Date(t0 + 10),
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.system": "openai",
        "gen_ai.request.model": "gpt-4o-mini",
        "gen_ai.usage.input_tokens": 120,
        "gen_ai.usage.output_tokens": 30,
        ...options.attributes,
      },
    },
    parent,
  );
  const inSpan = trace.setSpan(context.active(), span);
  for (const event of options.events) {
    logger.emit({ eventName: event.name, body: event.body, attributes: { "gen_ai.system": "openai", ...event.attributes }, context: event.detached ? ROOT_CONTEXT : inSpan, timestamp: new Date(t0 + 20) });
  }
  for (const event of options.spanEvents ?? []) {
    span.addEvent(event.name, { ...event.attributes, ...(event.body !== undefined ? { content: JSON.stringify(event.body) } : {}) }, new Date(t0 + 20));
  }
  span.setStatus({ code: SpanStatusCode.OK });
  span.end(new Date(t0 + 900));
  root?.end(new Date(t0 + 1000));
  await loggerProvider.forceFlush(); // the processor hands records to the exporter asynchronously
  return { spans: spanExporter.getFinishedSpans(), logs: logExporter.getFinishedLogRecords(), traceId: span.spanContext().traceId, spanId: span.spanContext().spanId };
}

export const logsProtobufOf = (logs: ReadableLogRecord[]) => ProtobufLogsSerializer.serializeRequest(logs)!;
export const logsJsonOf = (logs: ReadableLogRecord[]) => JsonLogsSerializer.serializeRequest(logs)!;

// A conversation with a tool call, as instrumentation-openai emits it: system and user messages, the
// assistant's earlier tool call, the tool's answer, then the model's choice.
export const conversationEvents: ContentEvent[] = [
  { name: "gen_ai.system.message", body: { content: "You are a support agent." } },
  { name: "gen_ai.user.message", body: { content: "Where is order 42?" } },
  {
    name: "gen_ai.assistant.message",
    body: { tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup_order", arguments: '{"order":42}' } }] },
  },
  { name: "gen_ai.tool.message", body: { content: '{"status":"shipped"}', id: "call_1" } },
  { name: "gen_ai.choice", body: { index: 0, finish_reason: "stop", message: { content: "Order 42 has shipped." } } },
];
