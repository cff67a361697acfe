import { declareRoute } from "../http/route-declaration";
import { alertListResponseSchema, listAlertsQuerySchema } from "./list-alerts";

// What the alert routes take and give (app/api/v1/alerts/**).
export const alertRoutes = {
  list: declareRoute({
    method: "GET",
    path: "/api/v1/alerts",
    summary: "Alerts of the caller's teams, newest first (kind canary: the guarded canary ended a canary)",
    auth: "user",
    permission: "alerts:read",
    query: listAlertsQuerySchema,
    response: alertListResponseSchema,
  }),
};
