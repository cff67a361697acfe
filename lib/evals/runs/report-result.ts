import { transaction } from "../../db/transaction";
import type { AgentPrincipal, UserPrincipal } from "../../auth/principal";
import { assertCan } from "../../auth/principal";
import { AppError } from "../../errors/app-error";
import { notVisible } from "../../auth/team-access";
import { isUuid } from "../../db/ids";
import { reportResultSchema } from "./schemas";
import { findRunForPrincipal, toRunItemView } from "./run-view";

// The harness's result for one item: what the version answered and/or the trace of its run. Reporting
// an item again replaces its result (a harness that retries an item keeps the last answer); a completed
// run takes no more results (409).
export async function reportResult(principal: UserPrincipal | AgentPrincipal, runId: string, rawInput: unknown) {
  if (principal.kind === "user") assertCan(principal, "evals:run");
  const input = reportResultSchema.parse(rawInput);
  return transaction(async (tx) => {
    const run = await findRunForPrincipal(tx, principal, runId);
    await tx.$queryRaw`SELECT id FROM eval_runs WHERE id = ${run.id}::uuid FOR UPDATE`;
    const current = await tx.evalRun.findUniqueOrThrow({ where: { id: run.id }, select: { status: true } });
    if (current.status !== "running") throw new AppError("conflict", `Run ${run.id} is complete (${current.status}): start a new run to evaluate again`);
    const item = isUuid(input.itemId) ? await tx.evalRunItem.findUnique({ where: { runId_itemId: { runId: run.id, itemId: input.itemId } } }) : null;
    if (!item) throw notVisible(`Item "${input.itemId}" of run ${run.id}`);
    const traceId = input.traceId?.toLowerCase();
    if (traceId) {
      const trace = await tx.trace.findUnique({ where: { traceId }, select: { agentId: true } });
      // A trace not stored yet is fine (its spans may still be on their way); another agent's is not.
      if (trace && trace.agentId !== run.agentId) {
        throw new AppError("validation_failed", `Trace "${traceId}" was recorded by another agent`, { details: { fieldErrors: { traceId: ["Recorded by another agent"] } } });
      }
    }
    const updated = await tx.evalRunItem.update({
      where: { runId_itemId: { runId: run.id, itemId: item.itemId } },
      data: { output: input.output ?? null, outcome: input.outcome ?? null, traceId: traceId ?? null, reportedAt: new Date() },
    });
    return toRunItemView(updated);
  });
}
