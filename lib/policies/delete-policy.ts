import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { notFound } from "../errors/app-error";
import { recordAudit } from "../audit/record-audit";
import { policyAgent } from "./policy-agent";
import { parseScopeKey, scopeLabel } from "./policy-scope";
import { emit } from "../events/emit";
import { policyChanged } from "./events";
import { deletePolicySchema } from "./schemas";
import { changePolicies, staleVersion } from "./write-policy-version";

// An admin removes a scope's policy and its history (the audit log keeps the last document). Pending
// proposals for the scope are rejected: they were written against a version that no longer exists.
export async function deletePolicy(principal: Principal, slug: string, scopeKey: string, rawInput: unknown) {
  assertCan(principal, "policies:manage");
  const scope = parseScopeKey(scopeKey);
  const { reason, baseVersion } = deletePolicySchema.parse(rawInput ?? {});
  const agent = await policyAgent(db(), principal, slug);
  const userId = principal.kind === "user" ? principal.userId : null;
  return changePolicies(async (tx) => {
    const policy = await tx.policy.findUnique({ where: { agentId_workflow_decisionType: { agentId: agent.id, ...scope } } });
    if (!policy) throw notFound(`${scopeLabel(scope)} policy of "${agent.slug}"`);
    if (baseVersion !== undefined && baseVersion !== policy.version) throw staleVersion(scope, baseVersion, policy.version);
    await tx.policy.delete({ where: { id: policy.id } });
    const { count: rejected } = await tx.policyProposal.updateMany({
      where: { agentId: agent.id, ...scope, status: "pending" },
      data: { status: "rejected", decidedById: userId, decidedAt: new Date(), decisionNote: `The policy of this scope was deleted: ${reason}` },
    });
    await recordAudit(tx, principal, {
      action: "policy.delete",
      targetType: "policy",
      targetId: policy.id,
      teamId: agent.teamId,
      before: { agent: agent.slug, ...scope, version: policy.version, document: policy.document },
      after: { reason, ...(rejected ? { rejectedProposals: rejected } : {}) },
    });
    await emit(tx, policyChanged, { agentId: agent.id });
    return { deleted: true as const, scopeKey, version: policy.version, rejectedProposals: rejected };
  });
}
