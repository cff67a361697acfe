// GET /api/v1/overview/blocked — actions the guard denied or held, per hour over the last day, caller's teams (session or admin key)
import { apiRoute } from "@/lib/http/route";
import { guardRoutes } from "@/lib/guard/routes";
import { getBlockedPerHour } from "@/lib/guard/blocked-per-hour";

export const GET = apiRoute(guardRoutes.blocked, async ({ principal }) => ({
  blocked: await getBlockedPerHour(principal),
}));
