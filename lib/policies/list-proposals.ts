import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { policyAgent } from "./policy-agent";
import { scopeKeyOf } from "./policy-scope";
import { peopleById, toProposalView, type ProposalView } from "./policy-view";
import { listProposalsQuerySchema } from "./schemas";

const MAX_DECIDED = 50;

// An agent's proposals: every pending one (oldest first, the order to decide them in), then the most
// recently decided ones.
export async function listProposals(principal: Principal, slug: string, rawQuery: unknown = {}): Promise<ProposalView[]> {
  assertCan(principal, "policies:read");
  const { status } = listProposalsQuerySchema.parse(rawQuery ?? {});
  const agent = await policyAgent(db(), principal, slug);
  const [pending, decided, policies] = await Promise.all([
    status === "all" || status === "pending"
      ? db().policyProposal.findMany({ where: { agentId: agent.id, status: "pending" }, orderBy: { createdAt: "asc" } })
      : [],
    status === "pending"
      ? []
      : db().policyProposal.findMany({
          where: { agentId: agent.id, status: status === "all" ? { not: "pending" } : status },
          orderBy: { decidedAt: "desc" },
          take: MAX_DECIDED,
        }),
    db().policy.findMany({ where: { agentId: agent.id }, select: { workflow: true, decisionType: true, version: true } }),
  ]);
  const versions = new Map(policies.map((policy) => [scopeKeyOf(policy), policy.version]));
  const rows = [...pending, ...decided];
  const person = await peopleById(db(), rows.flatMap((row) => [row.proposedById, row.decidedById]));
  return rows.map((row) => toProposalView(row, versions.get(scopeKeyOf(row)) ?? null, person));
}
