import { apiRoute } from "@/lib/http/route";
import { rejectProposal } from "@/lib/policies/decide-proposal";
import { rejectProposalSchema } from "@/lib/policies/schemas";

// POST /api/v1/agents/{slug}/policies/proposals/{id}/reject — { reason } (admins)
export const POST = apiRoute({ auth: "user", body: rejectProposalSchema }, async ({ principal, params, body }) => ({
  proposal: await rejectProposal(principal, params.slug, params.id, body),
}));
