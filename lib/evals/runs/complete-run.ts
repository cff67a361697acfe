import { db } from "../../db/client";
import { transaction } from "../../db/transaction";
import { assertCan, type AgentPrincipal, type UserPrincipal } from "../../auth/principal";
import { recordAudit } from "../../audit/record-audit";
import { aggregateRun, scoreItem, type EvaluatorScore } from "../evaluators/score";
import { evaluatorsSchema } from "../evaluators/schemas";
import { judgeFromEnv } from "../evaluators/llm-judge";
import { gatherEvidence } from "./gather-evidence";
import { findRunForPrincipal, runCounts, runInclude, toRunView } from "./run-view";
import { raiseRunFailedAlert } from "./run-alert";
import type { RunView } from "./schemas";

// Scoring a run: each item with the evaluators copied at the start (an item without a result fails),
// then passed when passRate ≥ threshold. Completing twice (a retried call, two harness workers) scores
// once: the second call answers the result of the first. A failed run raises an evaluation alert.
export async function completeRun(principal: UserPrincipal | AgentPrincipal, runId: string): Promise<RunView> {
  if (principal.kind === "user") assertCan(principal, "evals:run");
  const run = await findRunForPrincipal(db(), principal, runId);
  if (run.status !== "running") return viewOf(run.id);

  const evaluators = evaluatorsSchema.parse(run.evaluators);
  const items = await db().evalRunItem.findMany({ where: { runId: run.id }, orderBy: { position: "asc" } });
  const evidence = await gatherEvidence(db(), run, items);
  const judge = evaluators.some((evaluator) => evaluator.type === "llm_judge") ? judgeFromEnv() : undefined;
  const scored = await Promise.all(
    items.map(async (item) => {
      const found = evidence.get(item.itemId);
      const scores: EvaluatorScore[] | null = found?.result
        ? await scoreItem(evaluators, { input: item.input, expected: item.expected as never }, found.result, { judge })
        : null;
      return { itemId: item.itemId, traceId: found?.traceId ?? null, output: found?.result?.output ?? null, outcome: found?.result?.outcome ?? null, scores };
    }),
  );
  const aggregate = aggregateRun(scored.map((item) => item.scores), run.threshold, evaluators.map((evaluator) => evaluator.type));

  await transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM eval_runs WHERE id = ${run.id}::uuid FOR UPDATE`;
    if (locked?.status !== "running") return;
    const rows = scored.map((item) => ({
      item_id: item.itemId,
      trace_id: item.traceId,
      output: item.output,
      outcome: item.outcome,
      passed: item.scores ? item.scores.every((score) => score.passed) : false,
      scores: item.scores,
    }));
    // One statement for every item (a run holds up to thousands).
    await tx.$executeRaw`
      UPDATE eval_run_items ri SET
        trace_id = COALESCE(ri.trace_id, r.trace_id),
        output = COALESCE(ri.output, r.output),
        outcome = COALESCE(ri.outcome, r.outcome),
        passed = r.passed,
        scores = r.scores
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(item_id uuid, trace_id text, output text, outcome text, passed boolean, scores jsonb)
      WHERE ri.run_id = ${run.id}::uuid AND ri.item_id = r.item_id`;
    const status = aggregate.passed ? "passed" : "failed";
    await tx.evalRun.update({
      where: { id: run.id },
      data: { status, passRate: aggregate.passRate, scores: aggregate.scores, completedAt: new Date() },
    });
    await recordAudit(tx, principal, {
      action: "eval.run.complete",
      targetType: "eval_run",
      targetId: run.id,
      teamId: run.teamId,
      after: { status, passRate: aggregate.passRate, passedItems: aggregate.passedItems, items: aggregate.items, threshold: run.threshold },
    });
    if (status === "failed") {
      await raiseRunFailedAlert(tx, { ...run, passRate: aggregate.passRate, passedItems: aggregate.passedItems, items: aggregate.items });
    }
  });
  return viewOf(run.id);
}

async function viewOf(runId: string): Promise<RunView> {
  const run = await db().evalRun.findUniqueOrThrow({ where: { id: runId }, include: runInclude });
  const counts = await runCounts(db(), [run]);
  return toRunView(run, counts.get(run.id)!);
}
