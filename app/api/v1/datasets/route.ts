// POST /api/v1/datasets — create an evaluation dataset for an agent (developers, admins); GET ?agent= — list them (everyone)
import { apiRoute } from "@/lib/http/route";
import { datasetRoutes } from "@/lib/evals/datasets/routes";
import { createDataset } from "@/lib/evals/datasets/create-dataset";
import { listDatasets } from "@/lib/evals/datasets/list-datasets";

export const POST = apiRoute(datasetRoutes.create, async ({ principal, body }) => ({ dataset: await createDataset(principal, body) }));
export const GET = apiRoute(datasetRoutes.list, async ({ principal, query }) => ({ datasets: await listDatasets(principal, query) }));
