import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { notVisible, teamAccess } from "../auth/team-access";
import { sessionIdSchema } from "./schemas";
import type { SpanKind, SpanStatus } from "./span-model";
import { buildTurns, type Turn, type TurnSpan, type TurnTrace } from "./session-turns";
import { traceCostUsd, type TraceTotals } from "./trace-view";

/** A replay shows at most this many turns (the oldest first); longer sessions say they were cut. */
export const SESSION_TRACE_LIMIT = 500;

export type SessionReplay = {
  sessionId: string;
  agents: string[];
  startTime: string;
  endTime: string;
  totals: TraceTotals;
  unpricedSpans: number;
  traceCount: number;
  truncated: boolean;
  turns: Turn[];
};

// A session's traces (turns) and their spans in order. Traces come by traces(session_id, start_time),
// spans by trace id (the spans primary key), so spans that lack the session attribute still count.
export async function getSession(principal: Principal, rawSessionId: string): Promise<SessionReplay> {
  assertCan(principal, "sessions:replay");
  const sessionId = sessionIdSchema.parse(rawSessionId);
  const traces = await db().trace.findMany({
    where: { sessionId, ...teamAccess(principal).where() },
    orderBy: [{ startTime: "asc" }, { traceId: "asc" }],
    take: SESSION_TRACE_LIMIT + 1,
  });
  // Another team's session answers as a missing one.
  if (traces.length === 0) throw notVisible(`Session "${sessionId}"`);
  const shown = traces.slice(0, SESSION_TRACE_LIMIT);
  const traceIds = shown.map((trace) => trace.traceId);
  const [spans, agents] = await Promise.all([
    db().span.findMany({
      where: { traceId: { in: traceIds } },
      orderBy: [{ startTime: "asc" }, { spanId: "asc" }],
      select: {
        traceId: true, spanId: true, parentSpanId: true, name: true, kind: true, startTime: true, endTime: true, status: true,
        statusMessage: true, model: true, toolName: true, input: true, output: true, inputTokens: true, outputTokens: true,
        reasoningTokens: true, costUsd: true,
      },
    }),
    db().agent.findMany({ where: { id: { in: [...new Set(shown.map((trace) => trace.agentId))] } }, select: { id: true, slug: true } }),
  ]);

  const slugOf = new Map(agents.map((agent) => [agent.id, agent.slug]));
  const spansByTrace = new Map<string, TurnSpan[]>();
  for (const span of spans) {
    const list = spansByTrace.get(span.traceId) ?? [];
    list.push({
      spanId: span.spanId,
      parentSpanId: span.parentSpanId,
      name: span.name,
      kind: span.kind as SpanKind,
      startTime: span.startTime.toISOString(),
      endTime: span.endTime.toISOString(),
      status: span.status as SpanStatus,
      statusMessage: span.statusMessage,
      model: span.model,
      toolName: span.toolName,
      input: span.input,
      output: span.output,
      inputTokens: span.inputTokens,
      outputTokens: span.outputTokens,
      reasoningTokens: span.reasoningTokens,
      costUsd: span.costUsd === null ? null : Number(span.costUsd),
    });
    spansByTrace.set(span.traceId, list);
  }
  const turnTraces: TurnTrace[] = shown.map((trace) => ({
    traceId: trace.traceId,
    rootSpanId: trace.rootSpanId,
    name: trace.name,
    agentSlug: slugOf.get(trace.agentId) ?? "unknown",
    startTime: trace.startTime.toISOString(),
    endTime: trace.endTime.toISOString(),
    status: trace.status as SpanStatus,
    outcome: trace.outcome,
    version: trace.version,
  }));

  const costUsd = shown.reduce((sum, trace) => sum + Number(trace.costUsd), 0);
  const unpricedSpans = shown.reduce((sum, trace) => sum + trace.unpricedSpans, 0);
  return {
    sessionId,
    agents: [...new Set(turnTraces.map((trace) => trace.agentSlug))],
    startTime: shown[0].startTime.toISOString(),
    endTime: new Date(Math.max(...shown.map((trace) => trace.endTime.getTime()))).toISOString(),
    totals: {
      inputTokens: shown.reduce((sum, trace) => sum + Number(trace.inputTokens), 0),
      outputTokens: shown.reduce((sum, trace) => sum + Number(trace.outputTokens), 0),
      costUsd: traceCostUsd(Math.round(costUsd * 1e8) / 1e8, unpricedSpans),
    },
    unpricedSpans,
    traceCount: shown.length,
    truncated: traces.length > SESSION_TRACE_LIMIT,
    turns: buildTurns(turnTraces, spansByTrace),
  };
}
