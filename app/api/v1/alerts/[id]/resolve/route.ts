// POST /api/v1/alerts/{id}/resolve — resolve an alert with a note (operators, admins)
import { apiRoute } from "@/lib/http/route";
import { alertRoutes } from "@/lib/alerts/routes";
import { resolveAlert } from "@/lib/alerts/change-alert-status";

export const POST = apiRoute(alertRoutes.resolve, async ({ principal, params, body }) => ({ alert: await resolveAlert(principal, params.id, body) }));
