// GET /api/v1/overview/traffic — traces per minute, error rate and spend today for the overview tiles (session or admin key)
import { apiRoute } from "@/lib/http/route";
import { traceRoutes } from "@/lib/traces/routes";
import { getTrafficStats } from "@/lib/traces/traffic-stats";

export const GET = apiRoute(traceRoutes.traffic, async ({ principal }) => ({ traffic: await getTrafficStats(principal) }));
