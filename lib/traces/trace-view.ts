import { parsePayload, type ChatMessage } from "./messages";
import type { AttributeValue, SpanEvent, SpanKind, SpanStatus } from "./span-model";

// The shapes traces are shown in. Client-safe (types and pure mapping only): the list, the read API
// of DESIGN.md and the richer timeline/replay views all come from here.

export type TraceTotals = { inputTokens: number; outputTokens: number; costUsd: number | null };

export type TraceListItem = {
  traceId: string;
  agent: { slug: string };
  sessionId: string | null;
  startTime: string;
  endTime: string;
  status: SpanStatus;
  outcome: string | null;
  name: string;
  workflow: string | null;
  durationMs: number;
  spanCount: number;
  errorCount: number;
  unpricedSpans: number;
  models: string[];
  version: string | null; // the agent version it ran (label), null when unknown
  totals: TraceTotals;
  /** No root span has arrived yet: the task is still running (its name and status are a child span's so far). */
  inProgress: boolean;
};

/** What the list's search text was taken as (null when there was none). */
export type TraceSearchMatch = "traceId" | "sessionId" | "text";
export type TraceListPage = { traces: TraceListItem[]; nextCursor: string | null; matchedAs: TraceSearchMatch | null };

// DESIGN.md's read contract: these keys, plus (SpanRead) the input, output and events the timeline shows.
export type TraceReadSpan = {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: SpanKind;
  startTime: string;
  endTime: string;
  status: SpanStatus;
  model: string | null;
  toolName: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  attributes: Record<string, AttributeValue>;
  version: string | null;
};

// A span's input or output as the timeline shows it: the text, and the chat messages (tool calls
// included) read from it when it is a conversation in any dialect (lib/traces/messages.ts).
export type PayloadRead = { text: string; messages: ChatMessage[] | null; truncated: boolean };

export type SpanRead = TraceReadSpan & { input: PayloadRead | null; output: PayloadRead | null; events: SpanEvent[] };

export type TraceRead = {
  traceId: string;
  agent: { slug: string };
  sessionId: string | null;
  startTime: string;
  endTime: string;
  status: SpanStatus;
  version: string | null;
  totals: TraceTotals;
  spans: SpanRead[];
};

// What the timeline and the replay need on top of the contract.
export type SpanView = TraceReadSpan & {
  statusMessage: string | null;
  provider: string | null;
  workflow: string | null;
  cachedInputTokens: number | null;
  reasoningTokens: number | null;
  input: string | null;
  output: string | null;
  events: SpanEvent[];
  durationMs: number;
  /** True when input or output was cut to PAYLOAD_LIMIT characters for display. */
  payloadTruncated: boolean;
  /** Set when another instrumentation reported the same model call (lib/traces/overlapping-calls.ts). */
  countedOnce: CountedOnce | null;
};

/**
 * One model call reported by several spans: `counted` on the span whose tokens and cost are in the
 * trace's totals (it started first), `duplicate` on the others. `others` are the spans on the other side.
 */
export type CountedOnce = { role: "counted" | "duplicate"; scope: string | null; others: { spanId: string; name: string; scope: string | null }[] };

const scopeOf = (span: { attributes: Record<string, AttributeValue> }) => {
  const scope = span.attributes["otel.scope.name"];
  return typeof scope === "string" ? scope : null;
};

/** Fills countedOnce from each span's duplicateOf (the span id that counts for it). */
export function withCountedOnce<T extends SpanView>(spans: (T & { duplicateOf: string | null })[]): T[] {
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const duplicatesOf = new Map<string, (T & { duplicateOf: string | null })[]>();
  for (const span of spans) {
    if (span.duplicateOf && byId.has(span.duplicateOf)) duplicatesOf.set(span.duplicateOf, [...(duplicatesOf.get(span.duplicateOf) ?? []), span]);
  }
  const brief = (span: SpanView) => ({ spanId: span.spanId, name: span.name, scope: scopeOf(span) });
  return spans.map(({ duplicateOf, ...span }) => {
    const counted = duplicateOf ? byId.get(duplicateOf) : undefined;
    const duplicates = duplicatesOf.get(span.spanId);
    const countedOnce: CountedOnce | null = counted
      ? { role: "duplicate", scope: scopeOf(span), others: [brief(counted)] }
      : duplicates
        ? { role: "counted", scope: scopeOf(span), others: duplicates.map(brief) }
        : null;
    return { ...span, countedOnce } as unknown as T;
  });
}

export type TraceView = Omit<TraceListItem, "agent"> & {
  agent: { slug: string; name: string; team: string };
  rootSpanId: string | null;
  spans: SpanView[];
};

/** Payloads beyond this many characters are cut for the browser; the stored span keeps all of it. */
export const PAYLOAD_LIMIT = 200_000;

// A trace whose only costs are unpriced has no known cost (null), never $0.
export const traceCostUsd = (costUsd: number, unpricedSpans: number): number | null =>
  unpricedSpans > 0 && costUsd === 0 ? null : costUsd;

/** What a trace is called in lists: its root span's name, or "(in progress)" until the root arrives. */
export const IN_PROGRESS_NAME = "(in progress)";

export const durationBetween = (startTime: string | Date, endTime: string | Date) =>
  Math.max(0, new Date(endTime).getTime() - new Date(startTime).getTime());

export function toTraceRead(view: TraceView): TraceRead {
  return {
    traceId: view.traceId,
    agent: { slug: view.agent.slug },
    sessionId: view.sessionId,
    startTime: view.startTime,
    endTime: view.endTime,
    status: view.status,
    version: view.version,
    totals: view.totals,
    spans: view.spans.map((span) => ({
      spanId: span.spanId,
      parentSpanId: span.parentSpanId,
      name: span.name,
      kind: span.kind,
      startTime: span.startTime,
      endTime: span.endTime,
      status: span.status,
      model: span.model,
      toolName: span.toolName,
      inputTokens: span.inputTokens,
      outputTokens: span.outputTokens,
      costUsd: span.costUsd,
      attributes: span.attributes,
      version: span.version,
      input: payloadRead(span.input, span.payloadTruncated),
      output: payloadRead(span.output, span.payloadTruncated),
      events: span.events,
    })),
  };
}

// cutText cuts at PAYLOAD_LIMIT characters, or one fewer on a surrogate pair: a shorter text was not cut.
function payloadRead(text: string | null, spanTruncated: boolean): PayloadRead | null {
  if (text === null || text === "") return null;
  const payload = parsePayload(text);
  return { text, messages: payload.kind === "messages" ? payload.messages : null, truncated: spanTruncated && text.length >= PAYLOAD_LIMIT - 1 };
}
