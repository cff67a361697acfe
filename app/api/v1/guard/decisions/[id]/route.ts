// GET /api/v1/guard/decisions/{id}?wait=<seconds> — read a decision, long-polling a held one (agent key)
import { apiRoute } from "@/lib/http/route";
import { guardRoutes } from "@/lib/guard/routes";
import { getDecision } from "@/lib/guard/get-decision";

export const GET = apiRoute(guardRoutes.decision, async ({ principal, params, query }) =>
  getDecision(principal, params.id, query),
);
