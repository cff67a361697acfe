// POST /api/v1/evals/runs/{id}/results — the harness reports one item's result (the agent's key or an admin key)
import { apiRoute } from "@/lib/http/route";
import { runRoutes } from "@/lib/evals/runs/routes";
import { reportResult } from "@/lib/evals/runs/report-result";

export const POST = apiRoute(runRoutes.report, async ({ principal, params, body }) => ({ item: await reportResult(principal, params.id, body) }));
