import { apiRoute } from "@/lib/http/route";
import { deletePolicy } from "@/lib/policies/delete-policy";
import { getPolicy } from "@/lib/policies/get-policy";
import { savePolicy } from "@/lib/policies/save-policy";
import { deletePolicySchema, savePolicySchema } from "@/lib/policies/schemas";

// {scope} is agent, workflow:<name>, decisionType:<name> or workflow:<name>+decisionType:<name>.

// GET /api/v1/agents/{slug}/policies/{scope} — the scope's policy and its versions, newest first
export const GET = apiRoute({ auth: "user" }, async ({ principal, params }) => getPolicy(principal, params.slug, params.scope));

// PUT /api/v1/agents/{slug}/policies/{scope} — { document, baseVersion (the version edited, null for a new scope), note } (admins; stale version → 409)
export const PUT = apiRoute({ auth: "user", body: savePolicySchema }, async ({ principal, params, body }) =>
  savePolicy(principal, params.slug, params.scope, body),
);

// DELETE /api/v1/agents/{slug}/policies/{scope} — { reason, baseVersion? } (admins; audited)
export const DELETE = apiRoute({ auth: "user", body: deletePolicySchema }, async ({ principal, params, body }) =>
  deletePolicy(principal, params.slug, params.scope, body),
);
