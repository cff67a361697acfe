import { db } from "../db/client";
import type { AgentPrincipal } from "../auth/principal";
import { notFound } from "../errors/app-error";

// What an agent may learn about itself with its own key.
export async function getSelfAgent(principal: AgentPrincipal) {
  const agent = await db().agent.findUnique({ where: { id: principal.agentId }, include: { team: { select: { name: true } } } });
  if (!agent) throw notFound("Agent");
  return { slug: agent.slug, name: agent.name, team: agent.team.name, status: agent.status };
}
