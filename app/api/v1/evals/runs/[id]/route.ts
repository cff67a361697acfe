// GET /api/v1/evals/runs/{id} — one run with its items and scores (its team, or its agent's key)
import { apiRoute } from "@/lib/http/route";
import { runRoutes } from "@/lib/evals/runs/routes";
import { getRun } from "@/lib/evals/runs/list-runs";

export const GET = apiRoute(runRoutes.get, async ({ principal, params }) => ({ run: await getRun(principal, params.id) }));
