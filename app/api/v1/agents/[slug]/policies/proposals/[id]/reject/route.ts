import { apiRoute } from "@/lib/http/route";
import { policyRoutes } from "@/lib/policies/routes";
import { rejectProposal } from "@/lib/policies/decide-proposal";

// POST /api/v1/agents/{slug}/policies/proposals/{id}/reject — { reason } (admins)
export const POST = apiRoute(policyRoutes.reject, async ({ principal, params, body }) => ({
  proposal: await rejectProposal(principal, params.slug, params.id, body),
}));
