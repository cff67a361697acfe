// GET /api/v1/alerts/count — how many alerts of the caller's teams are open (everyone)
import { apiRoute } from "@/lib/http/route";
import { alertRoutes } from "@/lib/alerts/routes";
import { countOpenAlerts } from "@/lib/alerts/list-alerts";

export const GET = apiRoute(alertRoutes.count, async ({ principal }) => ({ open: await countOpenAlerts(principal) }));
