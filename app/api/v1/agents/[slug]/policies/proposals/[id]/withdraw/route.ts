import { apiRoute } from "@/lib/http/route";
import { policyRoutes } from "@/lib/policies/routes";
import { withdrawProposal } from "@/lib/policies/decide-proposal";

// POST /api/v1/agents/{slug}/policies/proposals/{id}/withdraw — the proposer takes a pending proposal back
export const POST = apiRoute(policyRoutes.withdraw, async ({ principal, params }) => ({
  proposal: await withdrawProposal(principal, params.slug, params.id),
}));
