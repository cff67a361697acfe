// POST /api/v1/datasets/{id}/items/from-incident — an incident's failing tasks as regression items (developers, admins)
import { apiRoute } from "@/lib/http/route";
import { datasetRoutes } from "@/lib/evals/datasets/routes";
import { addItemsFromIncident } from "@/lib/evals/datasets/add-items-from-incident";

export const POST = apiRoute(datasetRoutes.fromIncident, async ({ principal, params, body }) => addItemsFromIncident(principal, params.id, body));
