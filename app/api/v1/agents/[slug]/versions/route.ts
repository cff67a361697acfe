// GET /api/v1/agents/{slug}/versions — the agent's versions, newest first (everyone on the agent's team)
// POST /api/v1/agents/{slug}/versions — create an immutable version (developers of the team, admins)
import { apiRoute } from "@/lib/http/route";
import { versionRoutes } from "@/lib/versions/routes";
import { listVersions } from "@/lib/versions/list-versions";
import { createVersion } from "@/lib/versions/create-version";

export const GET = apiRoute(versionRoutes.list, async ({ principal, params }) => ({ versions: await listVersions(principal, params.slug) }));

export const POST = apiRoute(versionRoutes.create, async ({ principal, params, body }) => ({ version: await createVersion(principal, params.slug, body) }));
