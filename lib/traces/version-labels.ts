import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { findAgentForPrincipal } from "../agents/get-agent";

// An agent's version labels, newest first: what its traces' version filter suggests. From the versions
// table (a few rows per agent), not from a scan of its traces.
export async function listVersionLabels(principal: Principal, agentSlug: string): Promise<string[]> {
  assertCan(principal, "traces:read");
  const agent = await findAgentForPrincipal(db(), principal, agentSlug);
  const versions = await db().agentVersion.findMany({ where: { agentId: agent.id }, orderBy: { number: "desc" }, select: { label: true } });
  return versions.map((version) => version.label);
}
