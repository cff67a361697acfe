// POST /api/v1/agents/{slug}/drift/baseline — re-baseline from now on, with a reason (developers, admins)
import { apiRoute } from "@/lib/http/route";
import { driftRoutes } from "@/lib/drift/routes";
import { rebaseline } from "@/lib/drift/monitor/change-baseline";

export const POST = apiRoute(driftRoutes.rebaseline, async ({ principal, params, body }) => rebaseline(principal, params.slug, body));
