import { transaction } from "../../db/transaction";
import { assertCan, type Principal } from "../../auth/principal";
import { isUniqueViolation } from "../../db/unique-violation";
import { recordAudit } from "../../audit/record-audit";
import { AppError } from "../../errors/app-error";
import { updateSuiteSchema, type SuiteView } from "./schemas";
import { findSuiteForPrincipal, makeOnlyGate, suiteInclude, toSuiteView } from "./suite-view";

// Renaming a suite, changing its evaluators or threshold, making it the gate or not. Runs already made
// keep the evaluators and threshold they were scored with (copied at their start).
export async function updateSuite(principal: Principal, suiteId: string, rawInput: unknown, agentSlug?: string): Promise<SuiteView> {
  assertCan(principal, "evals:manage");
  const input = updateSuiteSchema.parse(rawInput);
  try {
    return await transaction(async (tx) => {
      const before = await findSuiteForPrincipal(tx, principal, suiteId, agentSlug);
      if (input.gating) await makeOnlyGate(tx, before.agentId, before.id);
      const after = await tx.evalSuite.update({
        where: { id: before.id },
        data: {
          name: input.name,
          evaluators: input.evaluators as object[] | undefined,
          passRate: input.threshold?.passRate,
          gating: input.gating,
        },
        include: suiteInclude,
      });
      await recordAudit(tx, principal, {
        action: "suite.update",
        targetType: "suite",
        targetId: after.id,
        teamId: after.teamId,
        before: { name: before.name, evaluators: before.evaluators, threshold: { passRate: before.passRate }, gating: before.gating },
        after: { name: after.name, evaluators: after.evaluators, threshold: { passRate: after.passRate }, gating: after.gating },
      });
      return toSuiteView(after);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `The agent already has a suite named "${input.name}"`, { details: { fieldErrors: { name: ["Already taken for this agent"] } } });
    }
    throw error;
  }
}
