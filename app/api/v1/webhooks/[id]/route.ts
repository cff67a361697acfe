// DELETE /api/v1/webhooks/{id} — stop sending to a webhook (admins)
import { apiRoute } from "@/lib/http/route";
import { webhookRoutes } from "@/lib/webhooks/routes";
import { deleteWebhook } from "@/lib/webhooks/manage-webhooks";

export const DELETE = apiRoute(webhookRoutes.delete, async ({ principal, params }) => ({ webhook: await deleteWebhook(principal, params.id) }));
