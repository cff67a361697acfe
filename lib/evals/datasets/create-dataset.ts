import { transaction } from "../../db/transaction";
import { actorOf, assertCan, type Principal } from "../../auth/principal";
import { findAgentForPrincipal } from "../../agents/get-agent";
import { isUniqueViolation } from "../../db/unique-violation";
import { recordAudit } from "../../audit/record-audit";
import { AppError } from "../../errors/app-error";
import { createDatasetSchema, type DatasetView } from "./schemas";
import { datasetInclude, toDatasetView } from "./dataset-view";

// A new, empty dataset for one agent of the principal's teams; names are unique per agent (409).
export async function createDataset(principal: Principal, rawInput: unknown): Promise<DatasetView> {
  assertCan(principal, "datasets:manage");
  const input = createDatasetSchema.parse(rawInput);
  try {
    return await transaction(async (tx) => {
      const agent = await findAgentForPrincipal(tx, principal, input.agent);
      const dataset = await tx.dataset.create({
        data: { agentId: agent.id, teamId: agent.teamId, name: input.name, createdBy: actorOf(principal).actorLabel ?? "unknown" },
        include: datasetInclude,
      });
      await recordAudit(tx, principal, {
        action: "dataset.create",
        targetType: "dataset",
        targetId: dataset.id,
        teamId: dataset.teamId,
        after: { agent: agent.slug, name: dataset.name },
      });
      return toDatasetView(dataset);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `The agent already has a dataset named "${input.name}"`, { details: { fieldErrors: { name: ["Already taken for this agent"] } } });
    }
    throw error;
  }
}
