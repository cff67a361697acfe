import { apiRoute } from "@/lib/http/route";
import { policyRoutes } from "@/lib/policies/routes";
import { approveProposal } from "@/lib/policies/decide-proposal";

// POST /api/v1/agents/{slug}/policies/proposals/{id}/approve — { note?, document?, baseVersion? } becomes the next version (admins; moved scope → 409 unless re-based)
export const POST = apiRoute(policyRoutes.approve, async ({ principal, params, body }) => ({
  proposal: await approveProposal(principal, params.slug, params.id, body),
}));
