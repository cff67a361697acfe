// POST /api/v1/guard/decisions/{id}/decide — allow or deny a held action { verdict, note } (reviewers, admins)
import { apiRoute } from "@/lib/http/route";
import { guardRoutes } from "@/lib/guard/routes";
import { decideDecision } from "@/lib/approvals/decide-decision";

export const POST = apiRoute(guardRoutes.decide, async ({ principal, params, body }) => ({
  decision: await decideDecision(principal, params.id, body),
}));
