// GET /api/v1/traces — the principal's teams' traces, newest first, filtered and cursor-paginated (session or admin key)
import { apiRoute } from "@/lib/http/route";
import { traceRoutes } from "@/lib/traces/routes";
import { listTraces } from "@/lib/traces/list-traces";

export const GET = apiRoute(traceRoutes.list, async ({ principal, query }) => listTraces(principal, query));
