// PUT /api/v1/agents/{slug}/drift/settings — baseline size and watched outcomes (developers, admins)
import { apiRoute } from "@/lib/http/route";
import { driftRoutes } from "@/lib/drift/routes";
import { changeDriftSettings } from "@/lib/drift/monitor/change-baseline";

export const PUT = apiRoute(driftRoutes.settings, async ({ principal, params, body }) => changeDriftSettings(principal, params.slug, body));
