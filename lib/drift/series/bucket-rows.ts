import { Prisma } from "../../generated/prisma/client";
import { db } from "../../db/client";
import { jensenShannonDistance, type Counts } from "../distribution-drift";
import { ONLINE_PREFIX, OUTCOME_PREFIX } from "../metrics";
import type { SeriesRange } from "./time-buckets";

// One metric per time bucket, computed in SQL. Tasks are completed traces (completed_at set: the root
// span arrived) bucketed by their start time; guard metrics are decisions bucketed by created_at; the
// tool mix counts the tool calls (spans.tool_name) of the bucket's completed tasks; an online evaluator's
// failure rate counts its scores. Buckets are
// floor(epoch seconds / step): bucket × step is the bucket's start.

export type BucketRow = {
  bucket: number;
  /** Observations: tasks, guard decisions, or tool calls for the tool mix. */
  n: number;
  value: number | null;
  /** The tool mix only: the distance of this bucket's calls from the baseline's. */
  distance: (baselineTools: Counts) => number | null;
};

type AggregateRow = { bucket: number; n: number; value: number | null };

const noDistance = () => null;

export async function readBucketRows(agentId: string, metric: string, range: SeriesRange, stepMs: number): Promise<BucketRow[]> {
  const step = stepMs / 1000;
  const from = range.from.toISOString();
  const to = range.to.toISOString();

  if (metric === "tool_mix") return toolMixRows(agentId, range, step);

  if (metric === "guard_deny_rate" || metric === "guard_hold_rate" || metric === "injection_flag_rate") {
    const hit =
      metric === "guard_deny_rate"
        ? Prisma.sql`d.verdict = 'deny'`
        : metric === "guard_hold_rate"
          ? Prisma.sql`d.verdict = 'hold'`
          : Prisma.sql`d.reasons @> '[{"code":"prompt_injection"}]'::jsonb`;
    const rows = await db().$queryRaw<AggregateRow[]>`
      SELECT floor(extract(epoch FROM d.created_at) / ${step})::int AS bucket,
             count(*)::int AS n,
             (count(*) FILTER (WHERE ${hit}))::float8 / count(*) AS value
      FROM guard_decisions d
      WHERE d.agent_id = ${agentId}::uuid
        AND d.created_at >= ${from}::timestamptz AND d.created_at < ${to}::timestamptz
      GROUP BY 1`;
    return rows.map(withoutDistance);
  }

  if (metric.startsWith(ONLINE_PREFIX)) {
    // An online evaluator's failure rate: its scores, bucketed by their trace's start time.
    const rows = await db().$queryRaw<AggregateRow[]>`
      SELECT floor(extract(epoch FROM s.trace_at) / ${step})::int AS bucket,
             count(*)::int AS n,
             (count(*) FILTER (WHERE NOT s.passed))::float8 / count(*) AS value
      FROM online_scores s
      JOIN online_evaluators e ON e.id = s.evaluator_id
      WHERE e.agent_id = ${agentId}::uuid AND e.name = ${metric.slice(ONLINE_PREFIX.length)}
        AND s.trace_at >= ${from}::timestamptz AND s.trace_at < ${to}::timestamptz
      GROUP BY 1`;
    return rows.map(withoutDistance);
  }

  const value = taskValueSql(metric);
  const rows = await db().$queryRaw<AggregateRow[]>`
    SELECT floor(extract(epoch FROM t.start_time) / ${step})::int AS bucket,
           count(*)::int AS n,
           ${value} AS value
    FROM traces t
    WHERE t.agent_id = ${agentId}::uuid
      AND t.completed_at IS NOT NULL AND t.eval_run_id IS NULL
      AND t.start_time >= ${from}::timestamptz AND t.start_time < ${to}::timestamptz
    GROUP BY 1`;
  return rows.map(withoutDistance);
}

function taskValueSql(metric: string): Prisma.Sql {
  if (metric.startsWith(OUTCOME_PREFIX)) {
    const outcome = metric.slice(OUTCOME_PREFIX.length);
    return Prisma.sql`(count(*) FILTER (WHERE t.outcome = ${outcome}))::float8 / count(*)`;
  }
  switch (metric) {
    case "error_rate":
      return Prisma.sql`(count(*) FILTER (WHERE t.status = 'error'))::float8 / count(*)`;
    case "cost_per_task":
      return Prisma.sql`avg(t.cost_usd)::float8`;
    case "latency_per_task":
      return Prisma.sql`avg(extract(epoch FROM (t.end_time - t.start_time)) * 1000)::float8`;
    case "steps_per_task":
      return Prisma.sql`avg(t.span_count)::float8`;
    default:
      throw new Error(`No per-task SQL for drift metric ${metric}`);
  }
}

const withoutDistance = (row: AggregateRow): BucketRow => ({ bucket: Number(row.bucket), n: Number(row.n), value: row.value === null ? null : Number(row.value), distance: noDistance });

async function toolMixRows(agentId: string, range: SeriesRange, step: number): Promise<BucketRow[]> {
  const rows = await db().$queryRaw<{ bucket: number; tool: string; calls: number }[]>`
    SELECT floor(extract(epoch FROM t.start_time) / ${step})::int AS bucket,
           s.tool_name AS tool,
           count(*)::int AS calls
    FROM traces t
    JOIN spans s ON s.trace_id = t.trace_id
    WHERE t.agent_id = ${agentId}::uuid
      AND t.completed_at IS NOT NULL AND t.eval_run_id IS NULL
      AND t.start_time >= ${range.from.toISOString()}::timestamptz AND t.start_time < ${range.to.toISOString()}::timestamptz
      AND s.tool_name IS NOT NULL
    GROUP BY 1, 2`;
  const buckets = new Map<number, Record<string, number>>();
  for (const row of rows) {
    const bucket = Number(row.bucket);
    const counts = buckets.get(bucket) ?? {};
    counts[row.tool] = Number(row.calls);
    buckets.set(bucket, counts);
  }
  return [...buckets].map(([bucket, counts]) => {
    const n = Object.values(counts).reduce((sum, calls) => sum + calls, 0);
    return {
      bucket,
      n,
      value: null,
      distance: (baselineTools: Counts) => {
        const distance = jensenShannonDistance(baselineTools, counts);
        return Number.isFinite(distance) ? distance : null;
      },
    };
  });
}
