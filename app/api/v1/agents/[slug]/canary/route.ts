// GET /api/v1/agents/{slug}/canary — the running canary against production, metric by metric (everyone on the agent's team)
import { apiRoute } from "@/lib/http/route";
import { versionRoutes } from "@/lib/versions/routes";
import { getCanaryComparison } from "@/lib/versions/canary-analysis";

export const GET = apiRoute(versionRoutes.canary, async ({ principal, params }) => getCanaryComparison(principal, params.slug));
