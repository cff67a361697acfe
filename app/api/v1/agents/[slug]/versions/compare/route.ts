// GET /api/v1/agents/{slug}/versions/compare?base=&head= — two versions side by side (everyone on the agent's team)
import { apiRoute } from "@/lib/http/route";
import { versionRoutes } from "@/lib/versions/routes";
import { compareVersions } from "@/lib/versions/list-versions";

export const GET = apiRoute(versionRoutes.compare, async ({ principal, params, query }) => compareVersions(principal, params.slug, query.base, query.head));
