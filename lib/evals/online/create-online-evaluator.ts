import { transaction } from "../../db/transaction";
import { actorOf, assertCan, type Principal } from "../../auth/principal";
import { findAgentForPrincipal } from "../../agents/get-agent";
import { isUniqueViolation } from "../../db/unique-violation";
import { recordAudit } from "../../audit/record-audit";
import { AppError } from "../../errors/app-error";
import { createOnlineEvaluatorSchema, type OnlineEvaluatorView } from "./schemas";
import { onlineEvaluatorInclude, toOnlineEvaluatorView } from "./online-evaluator-view";

// A new online evaluator of one agent: it scores the agent's live traces completed from now on.
// Names are unique per agent (409): the name is also its drift metric, online:<name>.
export async function createOnlineEvaluator(principal: Principal, agentSlug: string, rawInput: unknown): Promise<OnlineEvaluatorView> {
  assertCan(principal, "evals:manage");
  const input = createOnlineEvaluatorSchema.parse(rawInput);
  try {
    return await transaction(async (tx) => {
      const agent = await findAgentForPrincipal(tx, principal, agentSlug);
      const created = await tx.onlineEvaluator.create({
        data: {
          agentId: agent.id,
          teamId: agent.teamId,
          name: input.name,
          evaluator: input.evaluator as object,
          sampleRate: input.sampleRate,
          enabled: input.enabled ?? true,
          createdBy: actorOf(principal).actorLabel ?? "unknown",
        },
        include: onlineEvaluatorInclude,
      });
      await recordAudit(tx, principal, {
        action: "online_evaluator.create",
        targetType: "online_evaluator",
        targetId: created.id,
        teamId: created.teamId,
        after: { agent: agent.slug, name: created.name, evaluator: created.evaluator, sampleRate: created.sampleRate, enabled: created.enabled },
      });
      return toOnlineEvaluatorView(created, undefined);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `The agent already has an online evaluator named "${input.name}"`, { details: { fieldErrors: { name: ["Already taken for this agent"] } } });
    }
    throw error;
  }
}
