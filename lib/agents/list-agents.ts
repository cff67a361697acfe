import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { teamAccess } from "../auth/team-access";
import { listAgentsQuerySchema } from "./schemas";
import { agentInclude, toAgentView } from "./agent-view";

// The agent inventory the principal may see: their teams' agents (every agent for admins).
export async function listAgents(principal: Principal, rawQuery: unknown = {}) {
  assertCan(principal, "agents:read");
  const query = listAgentsQuerySchema.parse(rawQuery);
  const agents = await db().agent.findMany({
    where: {
      ...teamAccess(principal).where(),
      ...(query.status ? { status: query.status } : {}),
      ...(query.team ? { team: { name: { equals: query.team, mode: "insensitive" as const } } } : {}),
      ...(query.q
        ? {
            OR: [
              { slug: { contains: query.q, mode: "insensitive" as const } },
              { name: { contains: query.q, mode: "insensitive" as const } },
              { description: { contains: query.q, mode: "insensitive" as const } },
            ],
          }
        : {}),
    },
    include: agentInclude,
    orderBy: [{ team: { name: "asc" } }, { slug: "asc" }],
  });
  return agents.map(toAgentView);
}
