import type { Tx } from "../../db/client";
import type { EvalResult } from "../evaluators/score";
import { evidenceOf, type EvidenceSpan, type EvidenceTrace } from "./run-evidence";

type RunItem = { itemId: string; output: string | null; outcome: string | null; traceId: string | null; reportedAt: Date | null };

const CHUNK = 500;

// Each item's evidence: its reported result and its trace — the one the results call named, else the
// latest trace of the agent that carried this run's and item's ids (controlroom.eval.run_id / item_id).
// Only the run's agent's traces count. The items' traces are read in chunks.
export async function gatherEvidence(tx: Tx, run: { id: string; agentId: string }, items: RunItem[]): Promise<Map<string, { result: EvalResult | null; traceId: string | null }>> {
  const otlp = await tx.trace.findMany({
    where: { agentId: run.agentId, evalRunId: run.id },
    orderBy: { startTime: "asc" },
    select: { traceId: true, evalItemId: true },
  });
  const otlpTraceOf = new Map<string, string>();
  for (const trace of otlp) if (trace.evalItemId) otlpTraceOf.set(trace.evalItemId, trace.traceId);
  const traceIdOf = new Map(items.map((item) => [item.itemId, item.traceId ?? otlpTraceOf.get(item.itemId) ?? null]));

  const evidence = new Map<string, { result: EvalResult | null; traceId: string | null }>();
  for (let start = 0; start < items.length; start += CHUNK) {
    const chunk = items.slice(start, start + CHUNK);
    const traces = await readTraceEvidence(tx, run.agentId, chunk.flatMap((item) => traceIdOf.get(item.itemId) ?? []));
    for (const item of chunk) {
      const traceId = traceIdOf.get(item.itemId) ?? null;
      const found = traceId ? traces.get(traceId) : undefined;
      const result = evidenceOf(item, found?.trace ?? null, found?.spans ?? [], found?.guard ?? { denies: 0, holds: 0 });
      evidence.set(item.itemId, { result, traceId });
    }
  }
  return evidence;
}

export type TraceEvidence = { trace: EvidenceTrace; spans: EvidenceSpan[]; guard: { denies: number; holds: number } };

// What evidenceOf reads of each trace (of this agent only): the trace, its root and tool spans, and its
// guard denies and holds. Also used by online evaluation (lib/evals/online/score-online.ts).
export async function readTraceEvidence(tx: Tx, agentId: string, traceIds: readonly string[]): Promise<Map<string, TraceEvidence>> {
  if (traceIds.length === 0) return new Map();
  const ids = [...traceIds];
  const [traces, spans, decisions] = await Promise.all([
    tx.trace.findMany({
      where: { traceId: { in: ids }, agentId },
      select: { traceId: true, rootSpanId: true, outcome: true, costUsd: true, startTime: true, endTime: true, spanCount: true },
    }),
    tx.span.findMany({
      where: { traceId: { in: ids }, agentId, OR: [{ kind: "tool" }, { parentSpanId: null }] },
      select: { traceId: true, spanId: true, parentSpanId: true, kind: true, name: true, toolName: true, input: true, output: true, startTime: true },
    }),
    tx.guardDecision.groupBy({ by: ["traceId", "verdict"], where: { traceId: { in: ids }, agentId }, _count: { _all: true } }),
  ]);
  const spansOf = new Map<string, EvidenceSpan[]>();
  for (const span of spans) spansOf.set(span.traceId, [...(spansOf.get(span.traceId) ?? []), span]);
  const guardOf = new Map<string, { denies: number; holds: number }>();
  for (const row of decisions) {
    if (!row.traceId) continue;
    const counts = guardOf.get(row.traceId) ?? { denies: 0, holds: 0 };
    if (row.verdict === "deny") counts.denies += row._count._all;
    if (row.verdict === "hold") counts.holds += row._count._all;
    guardOf.set(row.traceId, counts);
  }
  return new Map(
    traces.map((trace) => [
      trace.traceId,
      { trace: { ...trace, costUsd: Number(trace.costUsd) }, spans: spansOf.get(trace.traceId) ?? [], guard: guardOf.get(trace.traceId) ?? { denies: 0, holds: 0 } },
    ]),
  );
}
