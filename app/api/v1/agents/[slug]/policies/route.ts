import { apiRoute } from "@/lib/http/route";
import { policyRoutes } from "@/lib/policies/routes";
import { listPolicies } from "@/lib/policies/list-policies";

// GET /api/v1/agents/{slug}/policies — every scope's current policy, agent-wide first (own teams)
export const GET = apiRoute(policyRoutes.list, async ({ principal, params }) => ({ policies: await listPolicies(principal, params.slug) }));
