import { genAiInput, genAiOutput } from "./dialects/genai-messages";
import { nanosToIsoMicros, type OtlpAttributes, type OtlpEvent, type OtlpLogRecord } from "./otlp-types";
import type { AttributeValue, SpanEvent } from "./span-model";

// GenAI content events — the message events of the OpenTelemetry GenAI conventions — as they arrive in
// OTLP log records (POST /api/otlp/v1/logs), and how they change the span they belong to. Pure: the
// database side is lib/traces/attach-content-events.ts. The same names arriving as span events are
// read at span ingest by lib/traces/dialects/genai-messages.ts, which this reuses, so a message shows
// the same whichever way it came.

export const CONTENT_EVENT_NAMES = new Set([
  "gen_ai.system.message",
  "gen_ai.user.message",
  "gen_ai.assistant.message",
  "gen_ai.tool.message",
  "gen_ai.choice",
  "gen_ai.client.inference.operation.details",
]);

const VALID_TRACE_ID = /^[0-9a-f]{32}$/;
const VALID_SPAN_ID = /^[0-9a-f]{16}$/;
const ZEROS = /^0+$/;

const isObject = (value: AttributeValue): value is { [key: string]: AttributeValue } =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// A log record → the span event it stands for, or why it is not kept. The record's body holds the
// message (instrumentation-openai: `{ content }`, `{ content, tool_calls }`, `{ index, finish_reason,
// message }`); its fields join the attributes, as the same event carries them on a span.
export function contentEventOf(record: OtlpLogRecord): { event: SpanEvent; traceId: string; spanId: string } | { problem: string } {
  if (record.problem) return { problem: record.problem };
  if (!CONTENT_EVENT_NAMES.has(record.eventName)) return { problem: "not a GenAI content event" };
  if (!VALID_TRACE_ID.test(record.traceId) || ZEROS.test(record.traceId) || !VALID_SPAN_ID.test(record.spanId) || ZEROS.test(record.spanId)) {
    return { problem: "no trace and span id to join it to" };
  }
  const attributes: Record<string, AttributeValue> = Object.create(null);
  for (const key in record.attributes) if (key !== "event.name") attributes[key] = record.attributes[key];
  if (isObject(record.body)) Object.assign(attributes, record.body);
  else if (record.body !== null && record.body !== "") attributes.content = record.body;
  return {
    event: { name: record.eventName, time: nanosToIsoMicros(record.timeUnixNano), attributes: { ...attributes } },
    traceId: record.traceId,
    spanId: record.spanId,
  };
}

export type SpanContent = { input: string | null; output: string | null; events: SpanEvent[] };

const asOtlpEvents = (events: SpanEvent[]): OtlpEvent[] =>
  events.map((event) => ({ name: event.name, time: new Date(event.time), timeUnixNano: 0n, attributes: event.attributes }));

// The span with the events added (an event it already has is not added twice: a re-sent export changes
// nothing). Its input/output are read again from attributes and events as span ingest reads them, but
// only where they came from GenAI content before (or were empty): an input another dialect found
// (OpenInference's input.value, a tool's arguments) stays.
export function withContentEvents(span: SpanContent & { attributes: OtlpAttributes }, added: SpanEvent[]): SpanContent {
  const seen = new Set(span.events.map(canonical));
  const events = [...span.events];
  for (const event of added) {
    const key = canonical(event);
    if (seen.has(key)) continue;
    seen.add(key);
    events.push(event);
  }
  const before = asOtlpEvents(span.events);
  const after = asOtlpEvents(events);
  const fromContent = (current: string | null, read: (events: OtlpEvent[]) => string | undefined) =>
    current === null || current === (read(before) ?? null) ? (read(after) ?? current) : current;
  return {
    input: fromContent(span.input, (list) => genAiInput(span.attributes, list)),
    output: fromContent(span.output, (list) => genAiOutput(span.attributes, list)),
    events,
  };
}

// JSON with keys sorted: jsonb does not keep key order, so a stored event compares by content.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const object = value as Record<string, unknown>;
    return `{${Object.keys(object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(object[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
