// GET /api/v1/guard/decisions/{id}?wait=<seconds> — read a decision, long-polling a held one (agent key)
import { apiRoute } from "@/lib/http/route";
import { getDecision } from "@/lib/guard/get-decision";
import { decisionWaitQuerySchema } from "@/lib/guard/schemas";

export const GET = apiRoute({ auth: "agent", query: decisionWaitQuerySchema }, async ({ principal, params, query }) =>
  getDecision(principal, params.id, query),
);
