// DELETE /api/v1/datasets/{id}/items/{itemId} — remove an item; PATCH — replace what it expects (developers, admins)
import { apiRoute } from "@/lib/http/route";
import { datasetRoutes } from "@/lib/evals/datasets/routes";
import { deleteDatasetItem } from "@/lib/evals/datasets/delete-dataset-item";
import { updateDatasetItem } from "@/lib/evals/datasets/update-dataset-item";

export const DELETE = apiRoute(datasetRoutes.deleteItem, async ({ principal, params }) => deleteDatasetItem(principal, params.id, params.itemId));
export const PATCH = apiRoute(datasetRoutes.updateItem, async ({ principal, params, body }) => ({ item: await updateDatasetItem(principal, params.id, params.itemId, body) }));
