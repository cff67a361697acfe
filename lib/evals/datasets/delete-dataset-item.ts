import { transaction } from "../../db/transaction";
import { assertCan, type Principal } from "../../auth/principal";
import { notVisible } from "../../auth/team-access";
import { isUuid } from "../../db/ids";
import { recordAudit } from "../../audit/record-audit";
import { cutWithEllipsis } from "../../text/cut-text";
import { findDatasetForPrincipal } from "./dataset-view";

// Removes one item (an item of another dataset, or unknown, is not found); the audit entry keeps what it held.
export async function deleteDatasetItem(principal: Principal, datasetId: string, itemId: string): Promise<{ id: string }> {
  assertCan(principal, "datasets:manage");
  return transaction(async (tx) => {
    const dataset = await findDatasetForPrincipal(tx, principal, datasetId);
    const item = isUuid(itemId) ? await tx.datasetItem.findFirst({ where: { id: itemId, datasetId: dataset.id } }) : null;
    if (!item) throw notVisible(`Item "${itemId}" of this dataset`);
    await tx.datasetItem.delete({ where: { id: item.id } });
    await recordAudit(tx, principal, {
      action: "dataset.item.delete",
      targetType: "dataset",
      targetId: dataset.id,
      teamId: dataset.teamId,
      before: { itemId: item.id, input: cutWithEllipsis(item.input, 2000), expected: item.expected, sourceTraceId: item.sourceTraceId },
    });
    return { id: item.id };
  });
}
