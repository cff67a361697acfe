// GET /api/v1/alerts?status=&agent=&kind= — alerts of the caller's teams, newest first (everyone)
import { apiRoute } from "@/lib/http/route";
import { alertRoutes } from "@/lib/alerts/routes";
import { listAlerts } from "@/lib/alerts/list-alerts";

export const GET = apiRoute(alertRoutes.list, async ({ principal, query }) => ({ alerts: await listAlerts(principal, query) }));
