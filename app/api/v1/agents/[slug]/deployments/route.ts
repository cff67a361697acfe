// GET /api/v1/agents/{slug}/deployments — the deployment timeline, newest first (everyone on the agent's team)
import { apiRoute } from "@/lib/http/route";
import { versionRoutes } from "@/lib/versions/routes";
import { listDeployments } from "@/lib/versions/list-versions";

export const GET = apiRoute(versionRoutes.deployments, async ({ principal, params }) => ({ events: await listDeployments(principal, params.slug) }));
