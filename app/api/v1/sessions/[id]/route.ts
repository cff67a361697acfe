// GET /api/v1/sessions/{id} — a session's turns in order, for replay, with the guard decisions on each step (session or admin key)
import { apiRoute } from "@/lib/http/route";
import { withStepDecisions } from "@/lib/guard/session-step-decisions";
import { traceRoutes } from "@/lib/traces/routes";
import { getSession } from "@/lib/traces/get-session";

export const GET = apiRoute(traceRoutes.session, async ({ principal, params }) => withStepDecisions(principal, await getSession(principal, params.id)));
