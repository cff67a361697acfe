import { apiRoute } from "@/lib/http/route";
import { policyRoutes } from "@/lib/policies/routes";
import { restorePolicyVersion } from "@/lib/policies/restore-policy-version";

// POST /api/v1/agents/{slug}/policies/{scope}/restore — { version, baseVersion, note? } old version as the next one (admins)
export const POST = apiRoute(policyRoutes.restore, async ({ principal, params, body }) =>
  restorePolicyVersion(principal, params.slug, params.scope, body),
);
