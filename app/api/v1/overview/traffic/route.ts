// GET /api/v1/overview/traffic — traces per minute, error rate and spend today for the overview tiles (session or admin key)
import { apiRoute } from "@/lib/http/route";
import { getTrafficStats } from "@/lib/traces/traffic-stats";

export const GET = apiRoute({ auth: "user" }, async ({ principal }) => ({ traffic: await getTrafficStats(principal) }));
