// POST /api/v1/evals/runs — start a run of a version on a suite (developers, admins, CI with an admin key); GET — runs (everyone)
import { apiRoute } from "@/lib/http/route";
import { runRoutes } from "@/lib/evals/runs/routes";
import { startRun } from "@/lib/evals/runs/start-run";
import { listRuns } from "@/lib/evals/runs/list-runs";

export const POST = apiRoute(runRoutes.start, async ({ principal, body }) => ({ run: await startRun(principal, body) }));
export const GET = apiRoute(runRoutes.list, async ({ principal, query }) => ({ runs: await listRuns(principal, query) }));
