import { apiRoute } from "@/lib/http/route";
import { restorePolicyVersion } from "@/lib/policies/restore-policy-version";
import { restorePolicySchema } from "@/lib/policies/schemas";

// POST /api/v1/agents/{slug}/policies/{scope}/restore — { version, baseVersion, note? } old version as the next one (admins)
export const POST = apiRoute({ auth: "user", body: restorePolicySchema }, async ({ principal, params, body }) =>
  restorePolicyVersion(principal, params.slug, params.scope, body),
);
