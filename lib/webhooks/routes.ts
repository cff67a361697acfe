import { declareRoute } from "../http/route-declaration";
import { createWebhookSchema, deliveryListResponseSchema, listDeliveriesQuerySchema, webhookListResponseSchema, webhookResponseSchema } from "./schemas";

// What the webhook routes take and give (app/api/v1/webhooks/**). Admins only.
export const webhookRoutes = {
  list: declareRoute({
    method: "GET",
    path: "/api/v1/webhooks",
    summary: "Every team's webhooks (never their secrets)",
    auth: "user",
    permission: "alerts:manage",
    response: webhookListResponseSchema,
  }),
  create: declareRoute({
    method: "POST",
    path: "/api/v1/webhooks",
    summary: "Send a team's alerts to a URL (http or https), signed with the secret when one is given",
    auth: "user",
    permission: "alerts:manage",
    body: createWebhookSchema,
    response: webhookResponseSchema,
    status: 201,
  }),
  delete: declareRoute({
    method: "DELETE",
    path: "/api/v1/webhooks/{id}",
    summary: "Stop sending to a webhook; its queued deliveries are dropped",
    auth: "user",
    permission: "alerts:manage",
    response: webhookResponseSchema,
  }),
  deliveries: declareRoute({
    method: "GET",
    path: "/api/v1/webhooks/{id}/deliveries",
    summary: "A webhook's deliveries, newest first, each with every attempt (status code, error, duration)",
    auth: "user",
    permission: "alerts:manage",
    query: listDeliveriesQuerySchema,
    response: deliveryListResponseSchema,
  }),
};
