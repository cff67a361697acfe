import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { teamAccess } from "../auth/team-access";
import { findAgentForPrincipal } from "../agents/get-agent";

// Which traces a principal's cost views cover: their teams' (every team for admins), optionally one
// agent's. Costs are attributed to the team a trace was recorded under, so a moved agent's old spend
// stays with its old team. Evaluation traffic (traces of eval runs) is never spend of the fleet.
// Holding a CostScope means costs:read was checked.
export type CostScope = {
  where: { teamId?: { in: string[] }; agentId?: string; evalRunId: null };
  sql: Prisma.Sql;
  agent: { id: string; slug: string; name: string } | null;
};

export async function costScope(principal: Principal, agentSlug?: string): Promise<CostScope> {
  assertCan(principal, "costs:read");
  const teams = teamAccess(principal);
  const agent = agentSlug ? await findAgentForPrincipal(db(), principal, agentSlug) : null;
  const agentSql = agent ? Prisma.sql`t.agent_id = ${agent.id}::uuid` : Prisma.sql`TRUE`;
  return {
    where: { ...teams.where(), ...(agent ? { agentId: agent.id } : {}), evalRunId: null },
    sql: Prisma.sql`${teams.sql("t.team_id")} AND ${agentSql} AND t.eval_run_id IS NULL`,
    agent: agent ? { id: agent.id, slug: agent.slug, name: agent.name } : null,
  };
}

export const inPeriod = (period: { from: Date; to: Date }) => ({ startTime: { gte: period.from, lt: period.to } });
