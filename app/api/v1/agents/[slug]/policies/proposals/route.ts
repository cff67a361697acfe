import { apiRoute } from "@/lib/http/route";
import { policyRoutes } from "@/lib/policies/routes";
import { listProposals } from "@/lib/policies/list-proposals";
import { proposePolicy } from "@/lib/policies/propose-policy";

// GET /api/v1/agents/{slug}/policies/proposals?status= — pending proposals (oldest first), then recently decided ones
export const GET = apiRoute(policyRoutes.proposals, async ({ principal, params, query }) => ({
  proposals: await listProposals(principal, params.slug, query),
}));

// POST /api/v1/agents/{slug}/policies/proposals — { workflow?, decisionType?, document, note, baseVersion? } (developers, admins)
export const POST = apiRoute(policyRoutes.propose, async ({ principal, params, body }) => ({
  proposal: await proposePolicy(principal, params.slug, body),
}));
