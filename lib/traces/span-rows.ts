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

function toRow(span: PricedSpan) {
  const inputKey = keyHolding(span.attributes, span.input);
  const outputKey = keyHolding(span.attributes, span.output);
  return {
    trace_id: span.traceId,
    span_id: span.spanId,
    parent_span_id: span.parentSpanId,
    session_id: label(span.sessionId),
    name: span.name,
    kind: span.kind,
    start_time: isoOf(span.startTimeUnixNano, span.startTime),
    end_time: isoOf(span.endTimeUnixNano, span.endTime),
    status: span.status,
    status_message: span.statusMessage,
    model: label(span.model),
    provider: label(span.provider),
    tool_name: label(span.toolName),
    workflow: label(span.workflow),
    input_tokens: span.inputTokens,
    output_tokens: span.outputTokens,
    cached_input_tokens: span.cachedInputTokens,
    reasoning_tokens: span.reasoningTokens,
    cost_usd: span.costUsd,
    input: inputKey === null ? span.input : null,
    output: outputKey === null ? span.output : null,
    input_key: inputKey,
    output_key: outputKey,
    attributes: span.attributes,
    events: span.events.length ? span.events : null,
    service: span.service,
    outcome: label(span.outcome),
    // Left out when unknown (the usual case): the insert reads a missing key as null, and the JSON stays as short as before.
    version: span.version ?? undefined,
    trace_version: span.traceVersion ?? undefined,
    eval_run_id: span.evalRunId ?? undefined,
    eval_item_id: span.evalItemId ?? undefined,
    needs_price: span.needsPrice,
  };
}

export function spanRowsJson(spans: PricedSpan[]): string {
  return JSON.stringify(spans.map(toRow));
}
