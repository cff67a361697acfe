// GET /api/v1/guard/decisions — the principal's teams' guard decisions, newest first, filtered and cursor-paginated (session or admin key)
import { apiRoute } from "@/lib/http/route";
import { guardRoutes } from "@/lib/guard/routes";
import { listDecisions } from "@/lib/guard/list-decisions";

export const GET = apiRoute(guardRoutes.list, async ({ principal, query }) => listDecisions(principal, query));
