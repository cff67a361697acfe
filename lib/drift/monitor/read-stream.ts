import type { Tx } from "../../db/client";
import type { DecisionRecord, TaskRecord } from "./records";

// The tasks and guard decisions of one agent stored since the monitor's watermarks.
//
// Tasks are read in the order they completed (traces.completed_at: when the root span was stored), so
// a task sent late with an old timestamp is still read once, and a backfill with past timestamps is read
// in the order it was sent. Rows become readable SETTLE_SECONDS after they were written: a row is
// stamped when its statement starts and visible when its transaction commits, so reading up to
// "now − settle" and moving the watermark there never skips a row still being committed (a batch
// statement takes milliseconds; the margin is generous). Each read covers at most SLICE_SECONDS of
// writes, so a burst is read in bounded pieces.

export const SETTLE_SECONDS = 2;
export const SLICE_SECONDS = 60;

type TaskRow = {
  trace_id: string;
  start_ms: number;
  outcome: string | null;
  error: boolean;
  cost_usd: number;
  latency_ms: number;
  steps: number;
  version: string | null;
  models: string[] | null;
  tools: Record<string, number> | null;
};

export async function settledUntil(tx: Tx, settleSeconds = SETTLE_SECONDS): Promise<Date> {
  const [row] = await tx.$queryRaw<[{ until: Date }]>`SELECT now() - make_interval(secs => ${settleSeconds}::float8) AS until`;
  return row.until;
}

export const sliceEnd = (from: Date, until: Date) => new Date(Math.min(until.getTime(), from.getTime() + SLICE_SECONDS * 1000));

export async function readTasks(tx: Tx, agentId: string, after: Date, until: Date): Promise<TaskRecord[]> {
  const rows = await tx.$queryRaw<TaskRow[]>`
    SELECT t.trace_id,
           (extract(epoch FROM t.start_time) * 1000)::float8 AS start_ms,
           t.outcome,
           t.status = 'error' AS error,
           t.cost_usd::float8 AS cost_usd,
           (extract(epoch FROM (t.end_time - t.start_time)) * 1000)::float8 AS latency_ms,
           t.span_count AS steps,
           t.version,
           t.models,
           (SELECT jsonb_object_agg(calls.tool_name, calls.count)
              FROM (SELECT s.tool_name, count(*)::int AS count FROM spans s
                     WHERE s.trace_id = t.trace_id AND s.tool_name IS NOT NULL GROUP BY s.tool_name) calls) AS tools
      FROM traces t
     WHERE t.agent_id = ${agentId}::uuid AND t.completed_at > ${after} AND t.completed_at <= ${until}
       AND t.eval_run_id IS NULL -- evaluation traffic is not the agent's behaviour in production
     ORDER BY t.completed_at, t.start_time, t.trace_id`;
  return rows.map((row) => ({
    traceId: row.trace_id,
    startTime: Number(row.start_ms),
    outcome: row.outcome,
    error: row.error,
    costUsd: Number(row.cost_usd),
    latencyMs: Math.max(0, Number(row.latency_ms)),
    steps: Number(row.steps),
    version: row.version,
    models: row.models ?? [],
    tools: row.tools ?? {},
  }));
}

export async function readDecisions(tx: Tx, agentId: string, after: Date, until: Date): Promise<DecisionRecord[]> {
  const rows = await tx.$queryRaw<Array<{ at_ms: number; verdict: DecisionRecord["verdict"]; injection: boolean }>>`
    SELECT (extract(epoch FROM created_at) * 1000)::float8 AS at_ms, verdict::text AS verdict,
           reasons @> '[{"code": "prompt_injection"}]'::jsonb AS injection
      FROM guard_decisions
     WHERE agent_id = ${agentId}::uuid AND created_at > ${after} AND created_at <= ${until}
     ORDER BY created_at`;
  return rows.map((row) => ({ at: Number(row.at_ms), verdict: row.verdict, injection: row.injection }));
}
