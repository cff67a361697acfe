import type { Tx } from "../../db/client";
import type { Principal } from "../../auth/principal";
import { assertVisible, notVisible } from "../../auth/team-access";
import { isUuid } from "../../db/ids";
import type { EvaluatorScore } from "../evaluators/score";
import type { RunItemView, RunView } from "./schemas";

// Looking a run up for a principal (a user of its team, or the agent's own key), and the shapes the API gives.

export const runInclude = { agent: { select: { slug: true } }, suite: { select: { id: true, name: true } } } as const;

type RunRow = {
  id: string;
  agentId: string;
  teamId: string;
  versionLabel: string;
  gating: boolean;
  status: "running" | "passed" | "failed";
  passRate: number | null;
  threshold: number;
  scores: unknown;
  createdBy: string;
  createdAt: Date;
  completedAt: Date | null;
  agent: { slug: string };
  suite: { id: string; name: string };
};
export type RunCounts = { items: number; reported: number; passed: number | null };

export const toRunView = (row: RunRow, counts: RunCounts): RunView => ({
  id: row.id,
  agent: { slug: row.agent.slug },
  suite: { id: row.suite.id, name: row.suite.name },
  version: row.versionLabel,
  gating: row.gating,
  status: row.status,
  passRate: row.passRate,
  threshold: { passRate: row.threshold },
  scores: (row.scores ?? null) as Record<string, number> | null,
  counts,
  createdBy: row.createdBy,
  createdAt: row.createdAt,
  completedAt: row.completedAt,
});

type ItemRow = {
  itemId: string;
  input: string;
  expected: unknown;
  output: string | null;
  outcome: string | null;
  traceId: string | null;
  reportedAt: Date | null;
  passed: boolean | null;
  scores: unknown;
};

export const toRunItemView = (row: ItemRow): RunItemView => ({
  itemId: row.itemId,
  input: row.input,
  expected: row.expected ?? {},
  output: row.output,
  outcome: row.outcome,
  traceId: row.traceId,
  reportedAt: row.reportedAt,
  passed: row.passed,
  scores: (row.scores ?? null) as EvaluatorScore[] | null,
});

// A run by id for a user of its team or for the agent it evaluates (its harness reports with its key).
export async function findRunForPrincipal(tx: Tx, principal: Principal, runId: string) {
  const run = isUuid(runId) ? await tx.evalRun.findUnique({ where: { id: runId }, include: runInclude }) : null;
  if (!run) throw notVisible(`Run "${runId}"`);
  if (principal.kind === "agent") {
    if (principal.agentId !== run.agentId) throw notVisible(`Run "${runId}"`);
  } else assertVisible(principal, run.teamId, `Run "${runId}"`);
  return run;
}

// Items, items with a result (reported over the results call, or a trace of the run sent over OTLP), and
// items that passed once scored.
export async function runCounts(tx: Tx, runs: { id: string; agentId: string; status: string }[]): Promise<Map<string, RunCounts>> {
  if (runs.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ run_id: string; items: number; reported: number; passed: number }[]>`
    SELECT ri.run_id::text AS run_id, count(*)::int AS items,
      count(*) FILTER (WHERE ri.reported_at IS NOT NULL OR EXISTS (
        SELECT 1 FROM traces t JOIN eval_runs r ON r.id = ri.run_id
        WHERE t.eval_run_id = ri.run_id::text AND t.eval_item_id = ri.item_id::text AND t.agent_id = r.agent_id))::int AS reported,
      count(*) FILTER (WHERE ri.passed)::int AS passed
    FROM eval_run_items ri
    WHERE ri.run_id = ANY(${runs.map((run) => run.id)}::uuid[])
    GROUP BY ri.run_id`;
  const byRun = new Map(rows.map((row) => [row.run_id, row]));
  return new Map(
    runs.map((run) => {
      const row = byRun.get(run.id);
      return [run.id, { items: row?.items ?? 0, reported: row?.reported ?? 0, passed: run.status === "running" ? null : (row?.passed ?? 0) }];
    }),
  );
}
