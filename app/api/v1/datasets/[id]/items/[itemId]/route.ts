// DELETE /api/v1/datasets/{id}/items/{itemId} — remove an item (developers, admins)
import { apiRoute } from "@/lib/http/route";
import { datasetRoutes } from "@/lib/evals/datasets/routes";
import { deleteDatasetItem } from "@/lib/evals/datasets/delete-dataset-item";

export const DELETE = apiRoute(datasetRoutes.deleteItem, async ({ principal, params }) => deleteDatasetItem(principal, params.id, params.itemId));
