import type { NormalizedSpan } from "./span-model";
import { nanosToIsoMicros } from "./otlp-types";
import { cutText } from "../text/cut-text";

// Spans as the rows lib/traces/store-spans.ts inserts: one JSON array, the statement's first parameter.
// Pure (no database), so the ingest worker can build it off the main thread.

export type PricedSpan = NormalizedSpan & {
  costUsd: number | null; // null: no price (unpriced, never $0)
  needsPrice: boolean; // it reports tokens of a model, so a missing price counts as "unpriced"
};

// Labels longer than this are not labels; session_id is also in btree indexes, which cap entry size.
const MAX_LABEL = 256;
const label = (value: string | null) => (value !== null ? cutText(value, MAX_LABEL) : value);

const isoOf = (nanos: bigint | undefined, date: Date) => (nanos !== undefined ? nanosToIsoMicros(nanos) : date.toISOString());

// The attribute whose value is exactly this text (the dialects copy payloads without changing them).
function keyHolding(attributes: PricedSpan["attributes"], text: string | null): string | null {
  if (text === null) return null;
  for (const key in attributes) if (attributes[key] === text) return key;
  return null;
}

// A column's value, left out of the JSON when null: the insert reads a missing key as null, and most
// spans leave half their columns empty (a sixth fewer bytes to write, send and parse).
const orMissing = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

function toRow(span: PricedSpan) {
  const inputKey = keyHolding(span.attributes, span.input);
  const outputKey = keyHolding(span.attributes, span.output);
  return {
    trace_id: span.traceId,
    span_id: span.spanId,
    parent_span_id: orMissing(span.parentSpanId),
    session_id: orMissing(label(span.sessionId)),
    name: span.name,
    kind: span.kind,
    start_time: isoOf(span.startTimeUnixNano, span.startTime),
    end_time: isoOf(span.endTimeUnixNano, span.endTime),
    status: span.status,
    status_message: orMissing(span.statusMessage),
    model: orMissing(label(span.model)),
    provider: orMissing(label(span.provider)),
    tool_name: orMissing(label(span.toolName)),
    workflow: orMissing(label(span.workflow)),
    input_tokens: orMissing(span.inputTokens),
    output_tokens: orMissing(span.outputTokens),
    cached_input_tokens: orMissing(span.cachedInputTokens),
    reasoning_tokens: orMissing(span.reasoningTokens),
    cost_usd: orMissing(span.costUsd),
    input: inputKey === null ? orMissing(span.input) : undefined,
    output: outputKey === null ? orMissing(span.output) : undefined,
    input_key: orMissing(inputKey),
    output_key: orMissing(outputKey),
    attributes: span.attributes,
    events: span.events.length ? span.events : undefined,
    service: orMissing(span.service),
    outcome: orMissing(label(span.outcome)),
    version: orMissing(span.version),
    trace_version: orMissing(span.traceVersion),
    eval_run_id: orMissing(span.evalRunId),
    eval_item_id: orMissing(span.evalItemId),
    needs_price: span.needsPrice,
  };
}

export function spanRowsJson(spans: PricedSpan[]): string {
  return JSON.stringify(spans.map(toRow));
}
