import { transaction } from "../../db/transaction";
import { actorOf, assertCan, type Principal } from "../../auth/principal";
import { findAgentForPrincipal } from "../../agents/get-agent";
import { isUniqueViolation } from "../../db/unique-violation";
import { recordAudit } from "../../audit/record-audit";
import { AppError } from "../../errors/app-error";
import { isUuid } from "../../db/ids";
import { createSuiteSchema, type SuiteView } from "./schemas";
import { makeOnlyGate, suiteInclude, toSuiteView } from "./suite-view";

// A suite of one agent: one of its datasets, evaluators and a pass threshold; optionally its gate.
export async function createSuite(principal: Principal, agentSlug: string, rawInput: unknown): Promise<SuiteView> {
  assertCan(principal, "evals:manage");
  const input = createSuiteSchema.parse(rawInput);
  try {
    return await transaction(async (tx) => {
      const agent = await findAgentForPrincipal(tx, principal, agentSlug);
      const dataset = isUuid(input.dataset) ? await tx.dataset.findUnique({ where: { id: input.dataset } }) : null;
      if (!dataset || dataset.agentId !== agent.id) {
        throw new AppError("validation_failed", `Dataset "${input.dataset}" is not one of ${agent.slug}'s datasets`, {
          details: { fieldErrors: { dataset: ["Choose one of this agent's datasets"] }, formErrors: [] },
        });
      }
      const created = await tx.evalSuite.create({
        data: {
          agentId: agent.id,
          teamId: agent.teamId,
          datasetId: dataset.id,
          name: input.name,
          evaluators: input.evaluators as object[],
          passRate: input.threshold.passRate,
          gating: input.gating ?? false,
          createdBy: actorOf(principal).actorLabel ?? "unknown",
        },
        include: suiteInclude,
      });
      if (created.gating) await makeOnlyGate(tx, agent.id, created.id);
      await recordAudit(tx, principal, {
        action: "suite.create",
        targetType: "suite",
        targetId: created.id,
        teamId: created.teamId,
        after: { agent: agent.slug, name: created.name, dataset: dataset.name, evaluators: input.evaluators, threshold: input.threshold, gating: created.gating },
      });
      return toSuiteView(created);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `The agent already has a suite named "${input.name}"`, { details: { fieldErrors: { name: ["Already taken for this agent"] } } });
    }
    throw error;
  }
}
