// GET /api/v1/drift?agent= — drift monitors of the caller's agents (everyone)
import { apiRoute } from "@/lib/http/route";
import { driftRoutes } from "@/lib/drift/routes";
import { listDriftMonitors } from "@/lib/drift/monitor/list-monitors";

export const GET = apiRoute(driftRoutes.list, async ({ principal, query }) => ({ monitors: await listDriftMonitors(principal, query) }));
