import type { Prisma } from "../../generated/prisma/client";
import { transaction } from "../../db/transaction";
import { assertCan, type Principal } from "../../auth/principal";
import { notVisible } from "../../auth/team-access";
import { isUuid } from "../../db/ids";
import { recordAudit } from "../../audit/record-audit";
import { updateDatasetItemSchema, type DatasetItemView } from "./schemas";
import { findDatasetForPrincipal, toDatasetItemView } from "./dataset-view";

// Replaces what an item expects (its input stays: a different input is a different case). Audited
// with the expected before and after.
export async function updateDatasetItem(principal: Principal, datasetId: string, itemId: string, rawInput: unknown): Promise<DatasetItemView> {
  assertCan(principal, "datasets:manage");
  const { expected } = updateDatasetItemSchema.parse(rawInput ?? {});
  return transaction(async (tx) => {
    const dataset = await findDatasetForPrincipal(tx, principal, datasetId);
    const item = isUuid(itemId) ? await tx.datasetItem.findFirst({ where: { id: itemId, datasetId: dataset.id } }) : null;
    if (!item) throw notVisible(`Item "${itemId}" of this dataset`);
    const updated = await tx.datasetItem.update({ where: { id: item.id }, data: { expected: expected as Prisma.InputJsonValue } });
    await recordAudit(tx, principal, {
      action: "dataset.item.update",
      targetType: "dataset",
      targetId: dataset.id,
      teamId: dataset.teamId,
      before: { itemId: item.id, expected: item.expected },
      after: { itemId: item.id, expected },
    });
    return toDatasetItemView(updated);
  });
}
