import type { Tx } from "../db/client";
import type { Principal } from "../auth/principal";
import { findAgentForPrincipal } from "../agents/get-agent";
import type { PolicyAgent } from "./write-policy-version";

// The agent whose policies are read or changed, if the principal is on its team (404 otherwise, as if it did not exist).
export async function policyAgent(tx: Tx, principal: Principal, slug: string): Promise<PolicyAgent> {
  const agent = await findAgentForPrincipal(tx, principal, slug);
  return { id: agent.id, slug: agent.slug, teamId: agent.teamId };
}
