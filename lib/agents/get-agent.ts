import { db, type Tx } from "../db/client";
import { assertCan, assertTeam, type Principal } from "../auth/principal";
import { notFound } from "../errors/app-error";
import { isUuid } from "../db/ids";
import { agentInclude, toAgentView } from "./agent-view";

// An agent by slug or by id, if the principal may act on its team.
export async function findAgentForPrincipal(tx: Tx, principal: Principal, slugOrId: string) {
  const where = isUuid(slugOrId) ? { id: slugOrId } : { slug: slugOrId };
  const agent = await tx.agent.findUnique({ where, include: agentInclude });
  if (!agent) throw notFound(`Agent "${slugOrId}"`);
  assertTeam(principal, agent.teamId, "agent");
  return agent;
}

export async function getAgent(principal: Principal, slug: string) {
  assertCan(principal, "agents:read");
  return toAgentView(await findAgentForPrincipal(db(), principal, slug));
}
