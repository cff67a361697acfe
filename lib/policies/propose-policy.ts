import type { Prisma } from "../generated/prisma/client";
import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { recordAudit } from "../audit/record-audit";
import { policyAgent } from "./policy-agent";
import { scopeKeyOf } from "./policy-scope";
import { peopleById, toProposalView } from "./policy-view";
import { proposePolicySchema } from "./schemas";
import { validateDocument } from "./validate-document";
import { staleVersion } from "./write-policy-version";

// A developer (or admin) proposes a scope's next policy; an admin approves or rejects it. The proposal
// records the version it was written against, so approving it over a newer version is refused.
export async function proposePolicy(principal: Principal, slug: string, rawInput: unknown) {
  assertCan(principal, "policies:propose");
  const input = proposePolicySchema.parse(rawInput ?? {});
  const scope = { workflow: input.workflow, decisionType: input.decisionType };
  const agent = await policyAgent(db(), principal, slug);
  const document = validateDocument(input.document, agent.slug, scope);
  const userId = principal.kind === "user" ? principal.userId : null;
  const proposal = await db().$transaction(async (tx) => {
    const current = await tx.policy.findUnique({ where: { agentId_workflow_decisionType: { agentId: agent.id, ...scope } }, select: { version: true } });
    const currentVersion = current?.version ?? null;
    if (input.baseVersion !== undefined && input.baseVersion !== currentVersion) throw staleVersion(scope, input.baseVersion, currentVersion);
    const row = await tx.policyProposal.create({
      data: { agentId: agent.id, ...scope, document: document as Prisma.InputJsonValue, baseVersion: currentVersion, note: input.note, proposedById: userId },
    });
    await recordAudit(tx, principal, {
      action: "policy_proposal.create",
      targetType: "policy_proposal",
      targetId: row.id,
      teamId: agent.teamId,
      after: { agent: agent.slug, scope: scopeKeyOf(scope), baseVersion: currentVersion, note: input.note, document },
    });
    return { row, currentVersion };
  });
  const person = await peopleById(db(), [userId]);
  return toProposalView(proposal.row, proposal.currentVersion, person);
}
