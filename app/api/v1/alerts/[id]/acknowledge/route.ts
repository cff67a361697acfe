// POST /api/v1/alerts/{id}/acknowledge — acknowledge an open alert, with an optional note (operators, admins)
import { apiRoute } from "@/lib/http/route";
import { alertRoutes } from "@/lib/alerts/routes";
import { acknowledgeAlert } from "@/lib/alerts/change-alert-status";

export const POST = apiRoute(alertRoutes.acknowledge, async ({ principal, params, body }) => ({ alert: await acknowledgeAlert(principal, params.id, body) }));
