import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { policyAgent } from "./policy-agent";
import { parseScopeKey } from "./policy-scope";
import { savePolicySchema } from "./schemas";
import { validateDocument } from "./validate-document";
import { changePolicies, writePolicyVersion } from "./write-policy-version";
import { getPolicy } from "./get-policy";

// An admin writes a scope's policy: its first version (baseVersion null) or the next one. The caller
// sends the version it edited, so an edit made on a stale copy is refused (409) instead of lost.
export async function savePolicy(principal: Principal, slug: string, scopeKey: string, rawInput: unknown) {
  assertCan(principal, "policies:manage");
  const scope = parseScopeKey(scopeKey);
  const input = savePolicySchema.parse(rawInput ?? {});
  const agent = await policyAgent(db(), principal, slug);
  const document = validateDocument(input.document, agent.slug, scope);
  const policy = await changePolicies((tx) =>
    writePolicyVersion(tx, principal, {
      agent,
      scope,
      document,
      baseVersion: input.baseVersion,
      note: input.note,
      audit: { action: input.baseVersion === null ? "policy.create" : "policy.update" },
    }),
  );
  return getPolicy(principal, agent.slug, scopeKey, { policyId: policy.id });
}
