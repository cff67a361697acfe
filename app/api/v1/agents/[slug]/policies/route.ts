import { apiRoute } from "@/lib/http/route";
import { listPolicies } from "@/lib/policies/list-policies";

// GET /api/v1/agents/{slug}/policies — every scope's current policy, agent-wide first (own teams)
export const GET = apiRoute({ auth: "user" }, async ({ principal, params }) => ({ policies: await listPolicies(principal, params.slug) }));
