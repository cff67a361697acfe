// GET, POST /api/v1/webhooks — list webhooks / send a team's alerts to a URL (admins)
import { apiRoute } from "@/lib/http/route";
import { webhookRoutes } from "@/lib/webhooks/routes";
import { createWebhook, listWebhooks } from "@/lib/webhooks/manage-webhooks";

export const GET = apiRoute(webhookRoutes.list, async ({ principal }) => ({ webhooks: await listWebhooks(principal) }));
export const POST = apiRoute(webhookRoutes.create, async ({ principal, body }) => ({ webhook: await createWebhook(principal, body) }));
