import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { policyAgent } from "./policy-agent";
import { compareScopes } from "./policy-scope";
import { peopleById, toPolicyView, type PolicyView } from "./policy-view";

// Every scope's current policy of an agent: agent-wide first, then workflows and decision types.
export async function listPolicies(principal: Principal, slug: string): Promise<PolicyView[]> {
  assertCan(principal, "policies:read");
  const agent = await policyAgent(db(), principal, slug);
  const rows = await db().policy.findMany({ where: { agentId: agent.id } });
  const person = await peopleById(db(), rows.map((row) => row.updatedById));
  return rows.sort(compareScopes).map((row) => toPolicyView(row, person));
}
