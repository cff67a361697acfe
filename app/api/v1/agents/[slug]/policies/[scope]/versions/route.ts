import { apiRoute } from "@/lib/http/route";
import { policyRoutes } from "@/lib/policies/routes";
import { getPolicy } from "@/lib/policies/get-policy";

// GET /api/v1/agents/{slug}/policies/{scope}/versions — the scope's versions with who, when and why
export const GET = apiRoute(policyRoutes.versions, async ({ principal, params }) => {
  const { versions } = await getPolicy(principal, params.slug, params.scope);
  return { versions };
});
