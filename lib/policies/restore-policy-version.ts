import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { notFound } from "../errors/app-error";
import { policyAgent } from "./policy-agent";
import { parseScopeKey, scopeLabel } from "./policy-scope";
import { restorePolicySchema } from "./schemas";
import { validateDocument, withoutScope } from "./validate-document";
import { changePolicies, writePolicyVersion } from "./write-policy-version";
import { getPolicy } from "./get-policy";

// An admin brings back an old version's document as the next version (history only grows).
export async function restorePolicyVersion(principal: Principal, slug: string, scopeKey: string, rawInput: unknown) {
  assertCan(principal, "policies:manage");
  const scope = parseScopeKey(scopeKey);
  const { version, baseVersion, note } = restorePolicySchema.parse(rawInput ?? {});
  const agent = await policyAgent(db(), principal, slug);
  await changePolicies(async (tx) => {
    const policy = await tx.policy.findUnique({ where: { agentId_workflow_decisionType: { agentId: agent.id, ...scope } }, select: { id: true } });
    const old = policy && (await tx.policyVersion.findUnique({ where: { policyId_version: { policyId: policy.id, version } } }));
    if (!old) throw notFound(`Version ${version} of the ${scopeLabel(scope).toLowerCase()} policy of "${agent.slug}"`);
    // Checked again: the schema may have tightened since the old version was written.
    const document = validateDocument(withoutScope(old.document), agent.slug, scope);
    return writePolicyVersion(tx, principal, {
      agent,
      scope,
      document,
      baseVersion,
      note: note || `Restored version ${version}`,
      audit: { action: "policy.restore", extra: { restoredVersion: version } },
    });
  });
  return getPolicy(principal, agent.slug, scopeKey);
}
