import { apiRoute } from "@/lib/http/route";
import { getPolicy } from "@/lib/policies/get-policy";

// GET /api/v1/agents/{slug}/policies/{scope}/versions — the scope's versions with who, when and why
export const GET = apiRoute({ auth: "user" }, async ({ principal, params }) => {
  const { versions } = await getPolicy(principal, params.slug, params.scope);
  return { versions };
});
