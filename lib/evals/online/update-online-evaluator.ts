import { transaction } from "../../db/transaction";
import { assertCan, type Principal } from "../../auth/principal";
import { isUniqueViolation } from "../../db/unique-violation";
import { recordAudit } from "../../audit/record-audit";
import { AppError } from "../../errors/app-error";
import { updateOnlineEvaluatorSchema, type OnlineEvaluatorView } from "./schemas";
import { findOnlineEvaluatorForPrincipal, scoreStats, toOnlineEvaluatorView } from "./online-evaluator-view";

// Renaming, changing the settings or the sample rate, enabling or disabling. New settings mean a new
// failure rate: its drift baseline starts again (scores already made stay). Re-enabled, it scores the
// traces completed from then on, not those of the time it was off.
export async function updateOnlineEvaluator(principal: Principal, agentSlug: string, evaluatorId: string, rawInput: unknown): Promise<OnlineEvaluatorView> {
  assertCan(principal, "evals:manage");
  const input = updateOnlineEvaluatorSchema.parse(rawInput);
  try {
    return await transaction(async (tx) => {
      const before = await findOnlineEvaluatorForPrincipal(tx, principal, evaluatorId, agentSlug);
      const settingsChanged = input.evaluator !== undefined && JSON.stringify(input.evaluator) !== JSON.stringify(before.evaluator);
      const reEnabled = input.enabled === true && !before.enabled;
      const after = await tx.onlineEvaluator.update({
        where: { id: before.id },
        data: {
          name: input.name,
          evaluator: input.evaluator as object | undefined,
          sampleRate: input.sampleRate,
          enabled: input.enabled,
          ...(settingsChanged ? { drift: {}, lastError: null } : {}),
          ...(reEnabled ? { scoredUntil: new Date(), scoredTraceId: "" } : {}),
        },
        include: { agent: { select: { slug: true } } },
      });
      const shown = (row: typeof before) => ({ name: row.name, evaluator: row.evaluator, sampleRate: row.sampleRate, enabled: row.enabled });
      await recordAudit(tx, principal, {
        action: "online_evaluator.update",
        targetType: "online_evaluator",
        targetId: after.id,
        teamId: after.teamId,
        before: shown(before),
        after: shown(after),
      });
      return toOnlineEvaluatorView(after, (await scoreStats(tx, [after.id])).get(after.id));
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `The agent already has an online evaluator named "${input.name}"`, { details: { fieldErrors: { name: ["Already taken for this agent"] } } });
    }
    throw error;
  }
}
