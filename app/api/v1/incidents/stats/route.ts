// GET /api/v1/incidents/stats — median time from alert to resolution (30 days) and open incidents (everyone, own teams)
import { apiRoute } from "@/lib/http/route";
import { incidentRoutes } from "@/lib/incidents/routes";
import { getResolutionStats } from "@/lib/incidents/resolution-stats";

export const GET = apiRoute(incidentRoutes.stats, async ({ principal }) => getResolutionStats(principal));
