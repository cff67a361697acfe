// POST /api/v1/evals/runs/{id}/complete — score the run (the agent's key, developers, admins)
import { apiRoute } from "@/lib/http/route";
import { runRoutes } from "@/lib/evals/runs/routes";
import { completeRun } from "@/lib/evals/runs/complete-run";

export const POST = apiRoute(runRoutes.complete, async ({ principal, params }) => ({ run: await completeRun(principal, params.id) }));
