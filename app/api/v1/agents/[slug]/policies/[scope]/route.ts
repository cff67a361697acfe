import { apiRoute } from "@/lib/http/route";
import { policyRoutes } from "@/lib/policies/routes";
import { deletePolicy } from "@/lib/policies/delete-policy";
import { getPolicy } from "@/lib/policies/get-policy";
import { savePolicy } from "@/lib/policies/save-policy";

// {scope} is agent, workflow:<name>, decisionType:<name> or workflow:<name>+decisionType:<name>.

// GET /api/v1/agents/{slug}/policies/{scope} — the scope's policy and its versions, newest first
export const GET = apiRoute(policyRoutes.get, async ({ principal, params }) => getPolicy(principal, params.slug, params.scope));

// PUT /api/v1/agents/{slug}/policies/{scope} — { document, baseVersion (the version edited, null for a new scope), note } (admins; stale version → 409)
export const PUT = apiRoute(policyRoutes.save, async ({ principal, params, body }) =>
  savePolicy(principal, params.slug, params.scope, body),
);

// DELETE /api/v1/agents/{slug}/policies/{scope} — { reason, baseVersion? } (admins; audited)
export const DELETE = apiRoute(policyRoutes.delete, async ({ principal, params, body }) =>
  deletePolicy(principal, params.slug, params.scope, body),
);
