import { db, type Tx } from "../db/client";
import { assertCan, assertTeam, type Principal } from "../auth/principal";
import { notFound } from "../http/errors";
import { agentInclude, toAgentView } from "./agent-view";

export async function findAgentForPrincipal(tx: Tx, principal: Principal, slug: string) {
  const agent = await tx.agent.findUnique({ where: { slug }, include: agentInclude });
  if (!agent) throw notFound(`Agent "${slug}"`);
  assertTeam(principal, agent.teamId, "agent");
  return agent;
}

export async function getAgent(principal: Principal, slug: string) {
  assertCan(principal, "agents:read");
  return toAgentView(await findAgentForPrincipal(db(), principal, slug));
}
