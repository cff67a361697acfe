import { randomBytes } from "node:crypto";
import { db } from "../../lib/db/client";
import type { SpanKind, SpanStatus } from "../../lib/traces/span-model";

// Trace and span rows written straight to the tables, with the totals ingest would keep, so the read
// side is tested without depending on the OTLP pipeline.

export const hexId = (bytes: number) => randomBytes(bytes).toString("hex");

export type FixtureSpan = {
  spanId?: string;
  parentSpanId?: string | null;
  name?: string;
  kind?: SpanKind;
  startMs: number;
  durationMs?: number;
  status?: SpanStatus;
  statusMessage?: string;
  model?: string;
  toolName?: string;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number | null;
  input?: string;
  output?: string;
  attributes?: Record<string, unknown>;
};

export type FixtureTrace = {
  agent: { id: string; teamId: string };
  start: Date;
  traceId?: string;
  sessionId?: string;
  name?: string;
  outcome?: string;
  status?: SpanStatus;
  spans?: FixtureSpan[];
};

export async function insertTrace(fixture: FixtureTrace) {
  const traceId = fixture.traceId ?? hexId(16);
  const at = (ms: number) => new Date(fixture.start.getTime() + ms);
  const specs = fixture.spans ?? [{ kind: "agent" as const, startMs: 0, durationMs: 100 }];
  const rootId = specs[0]?.spanId ?? hexId(8);
  const spans = specs.map((spec, index) => {
    const spanId = spec.spanId ?? (index === 0 ? rootId : hexId(8));
    return {
      traceId,
      spanId,
      parentSpanId: spec.parentSpanId === undefined ? (index === 0 ? null : rootId) : spec.parentSpanId,
      agentId: fixture.agent.id,
      teamId: fixture.agent.teamId,
      sessionId: fixture.sessionId ?? null,
      name: spec.name ?? `${spec.kind ?? "other"} ${index}`,
      kind: spec.kind ?? "other",
      startTime: at(spec.startMs),
      endTime: at(spec.startMs + (spec.durationMs ?? 10)),
      status: spec.status ?? "ok",
      statusMessage: spec.statusMessage ?? null,
      model: spec.model ?? null,
      toolName: spec.toolName ?? null,
      inputTokens: spec.inputTokens ?? null,
      outputTokens: spec.outputTokens ?? null,
      costUsd: spec.costUsd ?? null,
      input: spec.input ?? null,
      output: spec.output ?? null,
      attributes: (spec.attributes ?? {}) as object,
    };
  });
  await db().span.createMany({ data: spans });
  const priced = spans.filter((span) => span.costUsd !== null);
  const unpriced = spans.filter((span) => span.costUsd === null && span.model !== null && ((span.inputTokens ?? 0) + (span.outputTokens ?? 0)) > 0);
  const errors = spans.filter((span) => span.status === "error").length;
  const root = spans[0];
  await db().trace.create({
    data: {
      traceId,
      agentId: fixture.agent.id,
      teamId: fixture.agent.teamId,
      sessionId: fixture.sessionId ?? null,
      rootSpanId: root.spanId,
      name: fixture.name ?? root.name,
      outcome: fixture.outcome ?? null,
      status: fixture.status ?? (errors > 0 ? "error" : "ok"),
      startTime: new Date(Math.min(...spans.map((span) => span.startTime.getTime()))),
      endTime: new Date(Math.max(...spans.map((span) => span.endTime.getTime()))),
      spanCount: spans.length,
      errorCount: errors,
      inputTokens: spans.reduce((sum, span) => sum + (span.inputTokens ?? 0), 0),
      outputTokens: spans.reduce((sum, span) => sum + (span.outputTokens ?? 0), 0),
      costUsd: priced.reduce((sum, span) => sum + (span.costUsd ?? 0), 0),
      unpricedSpans: unpriced.length,
      models: [...new Set(spans.flatMap((span) => (span.model ? [span.model] : [])))],
    },
  });
  return { traceId, spanIds: spans.map((span) => span.spanId) };
}
