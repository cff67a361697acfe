import { apiRoute } from "@/lib/http/route";
import { listProposals } from "@/lib/policies/list-proposals";
import { proposePolicy } from "@/lib/policies/propose-policy";
import { listProposalsQuerySchema, proposePolicySchema } from "@/lib/policies/schemas";

// GET /api/v1/agents/{slug}/policies/proposals?status= — pending proposals (oldest first), then recently decided ones
export const GET = apiRoute({ auth: "user", query: listProposalsQuerySchema }, async ({ principal, params, query }) => ({
  proposals: await listProposals(principal, params.slug, query),
}));

// POST /api/v1/agents/{slug}/policies/proposals — { workflow?, decisionType?, document, note, baseVersion? } (developers, admins)
export const POST = apiRoute({ auth: "user", body: proposePolicySchema, status: 201 }, async ({ principal, params, body }) => ({
  proposal: await proposePolicy(principal, params.slug, body),
}));
