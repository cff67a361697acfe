// POST /api/v1/datasets/{id}/items — add an item, by hand or from a trace (developers, admins); GET — its items, oldest first (everyone)
import { apiRoute } from "@/lib/http/route";
import { datasetRoutes } from "@/lib/evals/datasets/routes";
import { addDatasetItem } from "@/lib/evals/datasets/add-dataset-item";
import { listDatasetItems } from "@/lib/evals/datasets/list-dataset-items";

export const POST = apiRoute(datasetRoutes.addItem, async ({ principal, params, body }) => ({ item: await addDatasetItem(principal, params.id, body) }));
export const GET = apiRoute(datasetRoutes.listItems, async ({ principal, params, query }) => listDatasetItems(principal, params.id, query));
