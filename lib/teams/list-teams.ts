import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { teamAccess } from "../auth/team-access";

// Admins see every team; others see the teams they belong to.
export async function listTeams(principal: Principal) {
  assertCan(principal, "teams:read");
  const where = teamAccess(principal).where("id");
  const teams = await db().team.findMany({
    where,
    include: { _count: { select: { agents: true, memberships: true } } },
    orderBy: { name: "asc" },
  });
  return teams.map((team) => ({
    id: team.id,
    name: team.name,
    description: team.description,
    agentCount: team._count.agents,
    memberCount: team._count.memberships,
    createdAt: team.createdAt.toISOString(),
  }));
}
