import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client";
import type { CostScope } from "./cost-scope";
import { daysOf, type ResolvedPeriod } from "./period";
import { pivotSpend, type DailySpendRow, type SpendChartData } from "./pivot-spend";
import type { CostGroup } from "./schemas";

export const NO_WORKFLOW_LABEL = "No workflow";

const groupKeySql: Record<CostGroup, Prisma.Sql> = {
  agent: Prisma.sql`t.agent_id::text`,
  team: Prisma.sql`t.team_id::text`,
  workflow: Prisma.sql`COALESCE(t.workflow, '')`,
};

// Daily spend (UTC days) per agent, workflow or team, from the per-trace totals.
export async function spendOverTime(scope: CostScope, period: ResolvedPeriod, groupBy: CostGroup): Promise<SpendChartData & { groupBy: CostGroup }> {
  const rows = await db().$queryRaw<DailySpendRow[]>`
    SELECT to_char(date_trunc('day', t.start_time AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day,
           ${groupKeySql[groupBy]} AS key,
           COALESCE(SUM(t.cost_usd), 0)::float8 AS "costUsd",
           COUNT(*)::int AS tasks,
           COALESCE(SUM(t.unpriced_spans), 0)::int AS "unpricedSpans"
    FROM traces t
    WHERE t.start_time >= ${period.from.toISOString()}::timestamptz
      AND t.start_time < ${period.to.toISOString()}::timestamptz
      AND ${scope.sql}
    GROUP BY 1, 2`;
  const labels = await groupLabels(groupBy, [...new Set(rows.map((row) => row.key))]);
  return { groupBy, ...pivotSpend(rows, daysOf(period), (key) => labels.get(key) ?? key) };
}

async function groupLabels(groupBy: CostGroup, keys: string[]): Promise<Map<string, string>> {
  if (groupBy === "workflow") return new Map(keys.map((key) => [key, key || NO_WORKFLOW_LABEL]));
  if (keys.length === 0) return new Map();
  if (groupBy === "agent") {
    const agents = await db().agent.findMany({ where: { id: { in: keys } }, select: { id: true, slug: true } });
    return new Map(agents.map((agent) => [agent.id, agent.slug]));
  }
  const teams = await db().team.findMany({ where: { id: { in: keys } }, select: { id: true, name: true } });
  return new Map(teams.map((team) => [team.id, team.name]));
}
