import { transaction } from "../db/transaction";
import type { Tx } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { AppError } from "../errors/app-error";
import { rollbackSchema } from "./schemas";
import { findVersion, lockDeployment } from "./deployment-state";
import { makeProduction } from "./make-production";

const BECAME_PRODUCTION = ["promoted", "production_approved", "rolled_back"];

// One click in an incident: production goes back to the previous production version, or to an earlier
// one that was in production before. Never waits for an approval; ends any canary. The next config call
// on every replica serves it (the config call reads the deployment, it caches nothing).
export async function rollbackVersion(principal: Principal, slug: string, rawInput: unknown) {
  assertCan(principal, "versions:rollback");
  const input = rollbackSchema.parse(rawInput ?? {});
  return transaction(async (tx) => {
    const deployment = await lockDeployment(tx, principal, slug);
    const current = deployment.production;
    if (!current) throw new AppError("conflict", "Nothing is in production to roll back");
    const history = await productionHistory(tx, deployment.agent.id);
    let targetLabel: string | undefined;
    if (input.toLabel) {
      if (input.toLabel === current.label) throw new AppError("conflict", `${current.label} is already in production`);
      if (!history.includes(input.toLabel)) throw new AppError("conflict", `${input.toLabel} was never in production: only a version that ran in production can be rolled back to`);
      targetLabel = input.toLabel;
    } else {
      targetLabel = history.find((label) => label !== current.label);
      if (!targetLabel) throw new AppError("conflict", `No earlier production version to roll back to: ${current.label} is the first`);
    }
    const target = await findVersion(tx, deployment.agent.id, targetLabel);
    const done = await makeProduction(tx, principal, deployment, target, { kind: "rolled_back", reason: input.reason });
    return {
      production: { label: target.label },
      previous: { label: current.label },
      endedCanary: done.endedCanary ? { label: done.endedCanary.label } : null,
    };
  });
}

// Labels that were put in production, most recent first, each once.
export async function productionHistory(tx: Tx, agentId: string) {
  const events = await tx.deploymentEvent.findMany({
    where: { agentId, toStage: "production", kind: { in: BECAME_PRODUCTION } },
    orderBy: { id: "desc" },
    select: { label: true },
  });
  return [...new Set(events.map((event) => event.label))];
}
