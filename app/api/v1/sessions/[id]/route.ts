// GET /api/v1/sessions/{id} — a session's turns in order, for replay (session or admin key)
import { apiRoute } from "@/lib/http/route";
import { traceRoutes } from "@/lib/traces/routes";
import { getSession } from "@/lib/traces/get-session";

export const GET = apiRoute(traceRoutes.session, async ({ principal, params }) => getSession(principal, params.id));
