// GET /api/v1/webhooks/{id}/deliveries — a webhook's deliveries and their attempts (admins)
import { apiRoute } from "@/lib/http/route";
import { webhookRoutes } from "@/lib/webhooks/routes";
import { listDeliveries } from "@/lib/webhooks/manage-webhooks";

export const GET = apiRoute(webhookRoutes.deliveries, async ({ principal, params, query }) => ({ deliveries: await listDeliveries(principal, params.id, query) }));
