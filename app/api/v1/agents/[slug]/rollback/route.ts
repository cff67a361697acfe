// POST /api/v1/agents/{slug}/rollback — production back to the previous or a named earlier version (operators of the team, admins)
import { apiRoute } from "@/lib/http/route";
import { versionRoutes } from "@/lib/versions/routes";
import { rollbackVersion } from "@/lib/versions/rollback-version";

export const POST = apiRoute(versionRoutes.rollback, async ({ principal, params, body }) => rollbackVersion(principal, params.slug, body));
