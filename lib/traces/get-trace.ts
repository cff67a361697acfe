import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { assertVisible, notVisible } from "../auth/team-access";
import { cutText } from "../text/cut-text";
import { traceIdSchema } from "./schemas";
import type { AttributeValue, SpanEvent, SpanKind, SpanStatus } from "./span-model";
import { durationBetween, IN_PROGRESS_NAME, PAYLOAD_LIMIT, toTraceRead, traceCostUsd, withCountedOnce, type SpanView, type TraceRead, type TraceView } from "./trace-view";

// One trace with every span, oldest first, as the timeline shows it (the trace by primary key, its
// spans by the spans primary key's trace_id prefix).
export async function getTraceView(principal: Principal, rawTraceId: string): Promise<TraceView> {
  assertCan(principal, "traces:read");
  const traceId = traceIdSchema.parse(rawTraceId).toLowerCase();
  const trace = await db().trace.findUnique({ where: { traceId } });
  if (!trace) throw notVisible(`Trace "${traceId}"`);
  assertVisible(principal, trace.teamId, `Trace "${traceId}"`);

  const [agent, spans] = await Promise.all([
    db().agent.findUnique({ where: { id: trace.agentId }, select: { slug: true, name: true, team: { select: { name: true } } } }),
    db().span.findMany({ where: { traceId }, orderBy: [{ startTime: "asc" }, { spanId: "asc" }] }),
  ]);
  const costUsd = Number(trace.costUsd);
  return {
    traceId: trace.traceId,
    agent: { slug: agent?.slug ?? "unknown", name: agent?.name ?? "Unknown agent", team: agent?.team.name ?? "" },
    sessionId: trace.sessionId,
    rootSpanId: trace.rootSpanId,
    startTime: trace.startTime.toISOString(),
    endTime: trace.endTime.toISOString(),
    status: trace.status as SpanStatus,
    outcome: trace.outcome,
    name: trace.rootSpanId === null ? IN_PROGRESS_NAME : trace.name,
    workflow: trace.workflow,
    durationMs: durationBetween(trace.startTime, trace.endTime),
    spanCount: trace.spanCount,
    errorCount: trace.errorCount,
    unpricedSpans: trace.unpricedSpans,
    models: trace.models,
    version: trace.version,
    totals: {
      inputTokens: Number(trace.inputTokens),
      outputTokens: Number(trace.outputTokens),
      costUsd: traceCostUsd(costUsd, trace.unpricedSpans),
    },
    inProgress: trace.rootSpanId === null,
    spans: withCountedOnce(spans.map((span) => ({ ...toSpanView(span), duplicateOf: span.duplicateOf }))),
  };
}

// GET /api/v1/traces/{traceId}: DESIGN.md's shape, nothing more.
export async function getTrace(principal: Principal, traceId: string): Promise<TraceRead> {
  return toTraceRead(await getTraceView(principal, traceId));
}

type SpanRow = Awaited<ReturnType<ReturnType<typeof db>["span"]["findMany"]>>[number];

export function toSpanView(span: SpanRow): SpanView {
  const input = cut(span.input);
  const output = cut(span.output);
  return {
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    kind: span.kind as SpanKind,
    startTime: span.startTime.toISOString(),
    endTime: span.endTime.toISOString(),
    status: span.status as SpanStatus,
    model: span.model,
    toolName: span.toolName,
    inputTokens: span.inputTokens,
    outputTokens: span.outputTokens,
    costUsd: span.costUsd === null ? null : Number(span.costUsd),
    attributes: (span.attributes ?? {}) as Record<string, AttributeValue>,
    version: span.version,
    statusMessage: span.statusMessage,
    provider: span.provider,
    workflow: span.workflow,
    cachedInputTokens: span.cachedInputTokens,
    reasoningTokens: span.reasoningTokens,
    input: input.text,
    output: output.text,
    events: Array.isArray(span.events) ? (span.events as SpanEvent[]) : [],
    durationMs: durationBetween(span.startTime, span.endTime),
    payloadTruncated: input.truncated || output.truncated,
    countedOnce: null,
  };
}

function cut(text: string | null): { text: string | null; truncated: boolean } {
  if (text === null || text.length <= PAYLOAD_LIMIT) return { text, truncated: false };
  return { text: cutText(text, PAYLOAD_LIMIT), truncated: true };
}
