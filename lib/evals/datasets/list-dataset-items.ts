import { db } from "../../db/client";
import { assertCan, type Principal } from "../../auth/principal";
import { AppError } from "../../errors/app-error";
import { isUuid } from "../../db/ids";
import { listDatasetItemsQuerySchema, type DatasetItemView } from "./schemas";
import { findDatasetForPrincipal, toDatasetItemView } from "./dataset-view";

// A dataset's items, oldest first, a page at a time. The cursor is the last item's (createdAt, id), so
// a page is stable while items are added or deleted.
export async function listDatasetItems(principal: Principal, datasetId: string, rawQuery: unknown = {}): Promise<{ items: DatasetItemView[]; nextCursor: string | null }> {
  assertCan(principal, "datasets:read");
  const query = listDatasetItemsQuerySchema.parse(rawQuery ?? {});
  const dataset = await findDatasetForPrincipal(db(), principal, datasetId);
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db().datasetItem.findMany({
    where: {
      datasetId: dataset.id,
      ...(after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: page.map(toDatasetItemView), nextCursor: rows.length > query.limit ? encodeCursor(last.createdAt, last.id) : null };
}

const encodeCursor = (createdAt: Date, id: string) => `${createdAt.getTime()}.${id}`;

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [millis, id] = cursor.split(".");
  const createdAt = new Date(Number(millis));
  if (!id || !isUuid(id) || !/^\d+$/.test(millis) || Number.isNaN(createdAt.getTime())) {
    throw new AppError("validation_failed", "Not a cursor of this list: pass the nextCursor of the previous page", { details: { fieldErrors: { cursor: ["Unknown cursor"] } } });
  }
  return { createdAt, id };
}
