// GET /api/v1/agents/{slug}/compare?a=&b= — two versions' live traffic and evaluation runs, b − a (everyone on the agent's team)
import { apiRoute } from "@/lib/http/route";
import { versionRoutes } from "@/lib/versions/routes";
import { compareVersionRuns } from "@/lib/versions/compare-runs";

export const GET = apiRoute(versionRoutes.compareRuns, async ({ principal, params, query }) => compareVersionRuns(principal, params.slug, query));
