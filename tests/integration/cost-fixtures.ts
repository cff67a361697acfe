import { randomBytes } from "node:crypto";
import { db } from "../../lib/db/client";

// Trace and span rows written straight to the tables the OTLP ingest fills, so cost queries can be
// checked against known sums. A span with tokens and costUsd null is an unpriced span.
export type FixtureSpan = { model?: string; inputTokens?: number; outputTokens?: number; costUsd: number | null };

export type FixtureTrace = {
  start: string;
  workflow?: string | null;
  name?: string;
  spans: FixtureSpan[];
};

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

export async function insertTrace(agent: { id: string; teamId: string }, trace: FixtureTrace): Promise<string> {
  const traceId = hex(16);
  const startTime = new Date(trace.start);
  const spans = trace.spans.map((span, index) => ({
    traceId,
    spanId: hex(8),
    parentSpanId: null,
    agentId: agent.id,
    teamId: agent.teamId,
    name: `chat ${span.model ?? "model"} #${index}`,
    kind: "llm" as const,
    startTime: new Date(startTime.getTime() + index * 1000),
    endTime: new Date(startTime.getTime() + index * 1000 + 500),
    model: span.model ?? "gpt-5-mini",
    workflow: trace.workflow ?? null,
    inputTokens: span.inputTokens ?? 0,
    outputTokens: span.outputTokens ?? 0,
    costUsd: span.costUsd,
  }));
  await db().$transaction([
    db().trace.create({
      data: {
        traceId,
        agentId: agent.id,
        teamId: agent.teamId,
        name: trace.name ?? "task",
        workflow: trace.workflow ?? null,
        status: "ok",
        startTime,
        endTime: new Date(startTime.getTime() + spans.length * 1000),
        spanCount: spans.length,
        inputTokens: spans.reduce((sum, span) => sum + span.inputTokens, 0),
        outputTokens: spans.reduce((sum, span) => sum + span.outputTokens, 0),
        costUsd: spans.reduce((sum, span) => sum + (span.costUsd ?? 0), 0),
        unpricedSpans: spans.filter((span) => span.costUsd === null).length,
        models: [...new Set(spans.map((span) => span.model))],
      },
    }),
    db().span.createMany({ data: spans }),
  ]);
  return traceId;
}
