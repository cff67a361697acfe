import { db, type Tx } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { assertVisible, notVisible } from "../auth/team-access";
import { isUuid } from "../db/ids";
import { agentInclude, toAgentView } from "./agent-view";

// An agent by slug or by id, if the principal may see its team (another team's agent is not found).
export async function findAgentForPrincipal(tx: Tx, principal: Principal, slugOrId: string) {
  const where = isUuid(slugOrId) ? { id: slugOrId } : { slug: slugOrId };
  const agent = await tx.agent.findUnique({ where, include: agentInclude });
  if (!agent) throw notVisible(`Agent "${slugOrId}"`);
  assertVisible(principal, agent.teamId, `Agent "${slugOrId}"`);
  return agent;
}

export async function getAgent(principal: Principal, slug: string) {
  assertCan(principal, "agents:read");
  return toAgentView(await findAgentForPrincipal(db(), principal, slug));
}
