import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client";
import type { LiveSide } from "./live-metrics";

// Each version's live traffic over the period, summed in the database (a week of a busy agent is far
// too many traces to bring over): tasks are traces whose root span arrived, started in [from, to) and
// not evaluation traffic; guard decisions count by the version the session ran, leaving out those made
// inside an evaluation trace; online scores by the time of the trace they scored.

type TaskRow = {
  version: string;
  tasks: number;
  errors: number;
  cost_mean: number | null;
  cost_variance: number | null;
  latency_mean: number | null;
  latency_variance: number | null;
  steps_mean: number | null;
  steps_variance: number | null;
};
type OutcomeRow = { version: string; outcome: string; tasks: number };
type DecisionRow = { version: string; decisions: number; denies: number; holds: number };
type OnlineRow = { version: string; name: string; scored: number; passed: number };

export type Period = { from: Date; to: Date };

export async function collectLiveSides(agentId: string, labels: { a: string; b: string }, { from, to }: Period): Promise<{ a: LiveSide; b: LiveSide }> {
  const versions = Prisma.join([labels.a, labels.b]);
  const live = Prisma.sql`agent_id = ${agentId}::uuid AND version IN (${versions}) AND start_time >= ${from} AND start_time < ${to}
    AND root_span_id IS NOT NULL AND eval_run_id IS NULL`;
  const [tasks, outcomes, decisions, online] = await Promise.all([
    db().$queryRaw<TaskRow[]>`
      SELECT version, count(*)::int AS tasks, count(*) FILTER (WHERE status = 'error')::int AS errors,
        avg(cost_usd)::float8 AS cost_mean, var_samp(cost_usd)::float8 AS cost_variance,
        avg(latency_ms)::float8 AS latency_mean, var_samp(latency_ms)::float8 AS latency_variance,
        avg(span_count)::float8 AS steps_mean, var_samp(span_count)::float8 AS steps_variance
      FROM (SELECT version, status, cost_usd, span_count, EXTRACT(EPOCH FROM (end_time - start_time)) * 1000 AS latency_ms FROM traces WHERE ${live}) task
      GROUP BY version`,
    db().$queryRaw<OutcomeRow[]>`
      SELECT version, outcome, count(*)::int AS tasks FROM traces WHERE ${live} AND outcome IS NOT NULL GROUP BY version, outcome`,
    db().$queryRaw<DecisionRow[]>`
      SELECT g.version, count(*)::int AS decisions,
        count(*) FILTER (WHERE g.verdict = 'deny')::int AS denies,
        count(*) FILTER (WHERE g.verdict = 'hold')::int AS holds
      FROM guard_decisions g
      WHERE g.agent_id = ${agentId}::uuid AND g.version IN (${versions}) AND g.created_at >= ${from} AND g.created_at < ${to}
        AND NOT EXISTS (SELECT 1 FROM traces t WHERE t.trace_id = g.trace_id AND t.eval_run_id IS NOT NULL)
      GROUP BY g.version`,
    db().$queryRaw<OnlineRow[]>`
      SELECT s.version, e.name, count(*)::int AS scored, count(*) FILTER (WHERE s.passed)::int AS passed
      FROM online_scores s JOIN online_evaluators e ON e.id = s.evaluator_id
      WHERE s.agent_id = ${agentId}::uuid AND s.version IN (${versions}) AND s.trace_at >= ${from} AND s.trace_at < ${to}
      GROUP BY s.version, e.name`,
  ]);
  const side = (label: string): LiveSide => {
    const task = tasks.find((row) => row.version === label);
    const guard = decisions.find((row) => row.version === label);
    const n = task?.tasks ?? 0;
    return {
      tasks: n,
      errors: task?.errors ?? 0,
      outcomes: Object.fromEntries(outcomes.filter((row) => row.version === label).map((row) => [row.outcome, row.tasks])),
      cost: { n, mean: task?.cost_mean ?? null, variance: task?.cost_variance ?? null },
      latencyMs: { n, mean: task?.latency_mean ?? null, variance: task?.latency_variance ?? null },
      steps: { n, mean: task?.steps_mean ?? null, variance: task?.steps_variance ?? null },
      decisions: guard?.decisions ?? 0,
      denies: guard?.denies ?? 0,
      holds: guard?.holds ?? 0,
      online: Object.fromEntries(online.filter((row) => row.version === label).map((row) => [row.name, { scored: row.scored, passed: row.passed }])),
    };
  };
  return { a: side(labels.a), b: side(labels.b) };
}
