// POST /api/v1/guard/decisions/{id}/decide — allow or deny a held action { verdict, note } (reviewers, admins)
import { apiRoute } from "@/lib/http/route";
import { decideDecision } from "@/lib/approvals/decide-decision";
import { decideDecisionSchema } from "@/lib/guard/schemas";

export const POST = apiRoute({ auth: "user", body: decideDecisionSchema }, async ({ principal, params, body }) => ({
  decision: await decideDecision(principal, params.id, body),
}));
