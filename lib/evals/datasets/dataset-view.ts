import type { Tx } from "../../db/client";
import type { Principal } from "../../auth/principal";
import { assertVisible, notVisible } from "../../auth/team-access";
import { isUuid } from "../../db/ids";
import type { DatasetItemView, DatasetView, Expected } from "./schemas";

// Looking a dataset up for a principal, and the shapes the API gives for datasets and their items.

export const datasetInclude = { agent: { select: { slug: true } }, _count: { select: { items: true } } } as const;

type DatasetRow = {
  id: string;
  name: string;
  createdBy: string;
  createdAt: Date;
  agent: { slug: string };
  _count: { items: number };
};

export const toDatasetView = (row: DatasetRow): DatasetView => ({
  id: row.id,
  agent: { slug: row.agent.slug },
  name: row.name,
  createdBy: row.createdBy,
  createdAt: row.createdAt,
  items: row._count.items,
});

type ItemRow = { id: string; datasetId: string; input: string; expected: unknown; sourceTraceId: string | null; createdBy: string; createdAt: Date };

export const toDatasetItemView = (row: ItemRow): DatasetItemView => ({
  id: row.id,
  datasetId: row.datasetId,
  input: row.input,
  expected: (row.expected ?? {}) as Expected,
  sourceTraceId: row.sourceTraceId,
  createdBy: row.createdBy,
  createdAt: row.createdAt,
});

// A dataset by id if the principal may see its team; another team's dataset is not found, like a missing one.
export async function findDatasetForPrincipal(tx: Tx, principal: Principal, datasetId: string) {
  const dataset = isUuid(datasetId) ? await tx.dataset.findUnique({ where: { id: datasetId }, include: datasetInclude }) : null;
  if (!dataset) throw notVisible(`Dataset "${datasetId}"`);
  assertVisible(principal, dataset.teamId, `Dataset "${datasetId}"`);
  return dataset;
}
