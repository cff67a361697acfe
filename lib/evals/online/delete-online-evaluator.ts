import { transaction } from "../../db/transaction";
import { assertCan, type Principal } from "../../auth/principal";
import { recordAudit } from "../../audit/record-audit";
import { findOnlineEvaluatorForPrincipal } from "./online-evaluator-view";

// Deleting an online evaluator deletes its scores and its drift metric with it; the audit entry keeps
// its settings and how many scores it had.
export async function deleteOnlineEvaluator(principal: Principal, agentSlug: string, evaluatorId: string): Promise<{ id: string }> {
  assertCan(principal, "evals:manage");
  return transaction(async (tx) => {
    const found = await findOnlineEvaluatorForPrincipal(tx, principal, evaluatorId, agentSlug);
    const scores = await tx.onlineScore.count({ where: { evaluatorId: found.id } });
    await tx.onlineEvaluator.delete({ where: { id: found.id } });
    await recordAudit(tx, principal, {
      action: "online_evaluator.delete",
      targetType: "online_evaluator",
      targetId: found.id,
      teamId: found.teamId,
      before: { agent: agentSlug, name: found.name, evaluator: found.evaluator, sampleRate: found.sampleRate, enabled: found.enabled, scores },
    });
    return { id: found.id };
  });
}
