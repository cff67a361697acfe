// POST /api/v1/datasets/{id}/items/import — import items from JSON Lines ({ jsonl }), all or nothing (developers, admins)
import { apiRoute } from "@/lib/http/route";
import { datasetRoutes } from "@/lib/evals/datasets/routes";
import { importDatasetItems } from "@/lib/evals/datasets/import-dataset-items";

export const POST = apiRoute(datasetRoutes.importItems, async ({ principal, params, body }) => importDatasetItems(principal, params.id, body));
