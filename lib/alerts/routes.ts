import { declareRoute } from "../http/route-declaration";
import { z } from "../zod";
import { alertCountResponseSchema, alertListResponseSchema, listAlertsQuerySchema } from "./list-alerts";
import { alertViewSchema } from "./alert-view";
import { acknowledgeAlertSchema, resolveAlertSchema } from "./schemas";

const alertResponseSchema = z.object({ alert: alertViewSchema });

// What the alert routes take and give (app/api/v1/alerts/**).
export const alertRoutes = {
  list: declareRoute({
    method: "GET",
    path: "/api/v1/alerts",
    summary: "Alerts of the caller's teams, newest first (kinds: drift, budget, evaluation, canary)",
    auth: "user",
    permission: "alerts:read",
    query: listAlertsQuerySchema,
    response: alertListResponseSchema,
  }),
  count: declareRoute({
    method: "GET",
    path: "/api/v1/alerts/count",
    summary: "How many alerts of the caller's teams are open (not yet acknowledged): the nav badge",
    auth: "user",
    permission: "alerts:read",
    response: alertCountResponseSchema,
  }),
  acknowledge: declareRoute({
    method: "POST",
    path: "/api/v1/alerts/{id}/acknowledge",
    summary: "Acknowledge an open alert, with an optional note (409 unless it is open)",
    auth: "user",
    permission: "alerts:acknowledge",
    body: acknowledgeAlertSchema,
    response: alertResponseSchema,
  }),
  resolve: declareRoute({
    method: "POST",
    path: "/api/v1/alerts/{id}/resolve",
    summary: "Resolve an open or acknowledged alert, with a note (409 when already resolved)",
    auth: "user",
    permission: "alerts:acknowledge",
    body: resolveAlertSchema,
    response: alertResponseSchema,
  }),
};
