import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client";

// What the canary and production did since the canary started, side by side: the same window for both
// (a canary compared with long-running production would confound the deploy with the time of day).
// Per task (a trace whose root span arrived): outcome, error, cost, latency, steps. Per guard decision:
// deny and hold. The newest MAX_TASKS tasks per side are enough for the tests and keep them cheap.
const MAX_TASKS = 20_000;

export type SideMetrics = {
  label: string;
  tasks: number;
  errors: number;
  outcomes: Record<string, number>;
  costs: number[];
  latenciesMs: number[];
  steps: number[];
  decisions: number;
  denies: number;
  holds: number;
};

type TaskRow = { version: string; status: string; outcome: string | null; cost: number; latency_ms: number; steps: number };
type DecisionRow = { version: string; decisions: number; denies: number; holds: number };

export async function collectCanaryMetrics(agentId: string, labels: { canary: string; production: string }, since: Date) {
  const versions = [labels.canary, labels.production];
  const tasks = await db().$queryRaw<TaskRow[]>`
    SELECT version, status::text AS status, outcome, cost_usd::float8 AS cost,
           (EXTRACT(EPOCH FROM (end_time - start_time)) * 1000)::float8 AS latency_ms, span_count AS steps
    FROM (
      SELECT *, row_number() OVER (PARTITION BY version ORDER BY start_time DESC) AS newest
      FROM traces
      WHERE agent_id = ${agentId}::uuid AND version IN (${Prisma.join(versions)}) AND start_time >= ${since} AND root_span_id IS NOT NULL
        AND eval_run_id IS NULL
    ) recent
    WHERE newest <= ${MAX_TASKS}`;
  const decisions = await db().$queryRaw<DecisionRow[]>`
    SELECT version, count(*)::int AS decisions,
           count(*) FILTER (WHERE verdict = 'deny')::int AS denies,
           count(*) FILTER (WHERE verdict = 'hold')::int AS holds
    FROM guard_decisions
    WHERE agent_id = ${agentId}::uuid AND version IN (${Prisma.join(versions)}) AND created_at >= ${since}
    GROUP BY version`;
  const side = (label: string): SideMetrics => {
    const rows = tasks.filter((row) => row.version === label);
    const guard = decisions.find((row) => row.version === label);
    const outcomes: Record<string, number> = {};
    for (const row of rows) if (row.outcome) outcomes[row.outcome] = (outcomes[row.outcome] ?? 0) + 1;
    return {
      label,
      tasks: rows.length,
      errors: rows.filter((row) => row.status === "error").length,
      outcomes,
      costs: rows.map((row) => row.cost),
      latenciesMs: rows.map((row) => row.latency_ms),
      steps: rows.map((row) => row.steps),
      decisions: guard?.decisions ?? 0,
      denies: guard?.denies ?? 0,
      holds: guard?.holds ?? 0,
    };
  };
  return { canary: side(labels.canary), production: side(labels.production) };
}
