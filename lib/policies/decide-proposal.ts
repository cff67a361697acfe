import type { Tx } from "../db/client";
import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { AppError, forbidden, notFound } from "../errors/app-error";
import { isUuid } from "../db/ids";
import { recordAudit } from "../audit/record-audit";
import { policyAgent } from "./policy-agent";
import { scopeKeyOf, scopeLabel } from "./policy-scope";
import { peopleById, toProposalView, type ProposalStatus, type ProposalView } from "./policy-view";
import { approveProposalSchema, rejectProposalSchema } from "./schemas";
import { validateDocument, withoutScope, type StoredDocument } from "./validate-document";
import { changePolicies, writePolicyVersion, type PolicyAgent } from "./write-policy-version";

type Decision = { status: Exclude<ProposalStatus, "pending">; note: string | null };

// Approve: the proposal becomes the scope's next version, with the proposal's note. If the scope
// changed since the proposal was written, approving it as is would silently undo that change: 409,
// unless the admin re-bases it (sends the edited document and the current version as baseVersion).
export async function approveProposal(principal: Principal, slug: string, proposalId: string, rawInput: unknown = {}) {
  assertCan(principal, "policies:manage");
  const input = approveProposalSchema.parse(rawInput ?? {});
  const agent = await policyAgent(db(), principal, slug);
  return changePolicies(async (tx) => {
    const proposal = await pendingProposal(tx, agent, proposalId);
    const scope = { workflow: proposal.workflow, decisionType: proposal.decisionType };
    const rebased = input.document !== undefined;
    if (rebased && input.baseVersion === undefined) {
      throw new AppError("bad_request", "Send baseVersion (the version you re-based the proposal on) with the edited document");
    }
    const document: StoredDocument = validateDocument(rebased ? input.document : withoutScope(proposal.document), agent.slug, scope);
    const current = await tx.policy.findUnique({ where: { agentId_workflow_decisionType: { agentId: agent.id, ...scope } }, select: { version: true } });
    const currentVersion = current?.version ?? null;
    if (!rebased && proposal.baseVersion !== currentVersion) {
      throw new AppError(
        "conflict",
        `The ${scopeLabel(scope).toLowerCase()} policy changed after this proposal was written (proposed against ${versionName(proposal.baseVersion)}, now ${versionName(currentVersion)}). Edit the proposal on top of the current version and approve the edited document, or reject it.`,
        { details: { baseVersion: proposal.baseVersion, currentVersion } },
      );
    }
    const policy = await writePolicyVersion(tx, principal, {
      agent,
      scope,
      document,
      baseVersion: rebased ? (input.baseVersion ?? null) : proposal.baseVersion,
      note: proposal.note,
      audit: { action: currentVersion === null ? "policy.create" : "policy.update", extra: { proposalId: proposal.id, ...(rebased ? { rebased: true } : {}) } },
    });
    return decide(tx, principal, agent, proposal, { status: "approved", note: input.note || null }, { version: policy.version, ...(rebased ? { rebased: true } : {}) });
  });
}

export async function rejectProposal(principal: Principal, slug: string, proposalId: string, rawInput: unknown) {
  assertCan(principal, "policies:manage");
  const { reason } = rejectProposalSchema.parse(rawInput ?? {});
  const agent = await policyAgent(db(), principal, slug);
  return db().$transaction(async (tx) => decide(tx, principal, agent, await pendingProposal(tx, agent, proposalId), { status: "rejected", note: reason }));
}

// Only the proposer takes a proposal back (an admin rejects it instead, with a reason).
export async function withdrawProposal(principal: Principal, slug: string, proposalId: string) {
  assertCan(principal, "policies:read");
  const agent = await policyAgent(db(), principal, slug);
  return db().$transaction(async (tx) => {
    const proposal = await pendingProposal(tx, agent, proposalId);
    if (principal.kind !== "user" || proposal.proposedById !== principal.userId) throw forbidden("Only the developer who proposed this change can withdraw it");
    return decide(tx, principal, agent, proposal, { status: "withdrawn", note: null });
  });
}

const versionName = (version: number | null) => (version === null ? "no policy" : `version ${version}`);

async function pendingProposal(tx: Tx, agent: PolicyAgent, proposalId: string) {
  const proposal = isUuid(proposalId) ? await tx.policyProposal.findUnique({ where: { id: proposalId } }) : null;
  if (!proposal || proposal.agentId !== agent.id) throw notFound(`Proposal "${proposalId}" of "${agent.slug}"`);
  if (proposal.status !== "pending") throw new AppError("conflict", `This proposal was already ${proposal.status}`);
  return proposal;
}

async function decide(
  tx: Tx,
  principal: Principal,
  agent: PolicyAgent,
  proposal: Awaited<ReturnType<typeof pendingProposal>>,
  decision: Decision,
  extra: Record<string, unknown> = {},
): Promise<ProposalView> {
  const userId = principal.kind === "user" ? principal.userId : null;
  // Decided once: of two admins deciding at once, exactly one changes the row.
  const { count } = await tx.policyProposal.updateMany({
    where: { id: proposal.id, status: "pending" },
    data: { status: decision.status, decidedById: userId, decidedAt: new Date(), decisionNote: decision.note },
  });
  if (count === 0) throw new AppError("conflict", "This proposal was decided by someone else a moment ago");
  await recordAudit(tx, principal, {
    action: `policy_proposal.${decision.status === "approved" ? "approve" : decision.status === "rejected" ? "reject" : "withdraw"}`,
    targetType: "policy_proposal",
    targetId: proposal.id,
    teamId: agent.teamId,
    before: { status: "pending", agent: agent.slug, scope: scopeKeyOf(proposal), baseVersion: proposal.baseVersion },
    after: { status: decision.status, ...(decision.note ? { note: decision.note } : {}), ...extra },
  });
  const row = await tx.policyProposal.findUniqueOrThrow({ where: { id: proposal.id } });
  const current = await tx.policy.findUnique({
    where: { agentId_workflow_decisionType: { agentId: agent.id, workflow: row.workflow, decisionType: row.decisionType } },
    select: { version: true },
  });
  const person = await peopleById(tx, [row.proposedById, row.decidedById]);
  return toProposalView(row, current?.version ?? null, person);
}
