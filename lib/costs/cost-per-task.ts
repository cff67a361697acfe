import { db } from "../db/client";
import { inPeriod, type CostScope } from "./cost-scope";
import type { ResolvedPeriod } from "./period";
import { perTask, trendOf, type Trend } from "./trend";

export type AgentCostPerTask = {
  agentId: string;
  slug: string;
  name: string;
  team: string;
  tasks: number;
  costUsd: number;
  /** A lower bound when unpricedSpans > 0: those spans' cost is unknown, not zero. */
  costPerTaskUsd: number | null;
  inputTokens: number;
  outputTokens: number;
  tokensPerTask: number | null;
  unpricedSpans: number;
  previous: { tasks: number; costPerTaskUsd: number | null };
  trend: Trend;
};

type Totals = { tasks: number; costUsd: number; inputTokens: number; outputTokens: number; unpricedSpans: number };

// Per agent with tasks (traces) in the period: cost and tokens per task, and the cost-per-task trend
// against the previous period of equal length. Most expensive agents first.
export async function costPerTask(scope: CostScope, period: ResolvedPeriod): Promise<AgentCostPerTask[]> {
  const [current, previous] = await Promise.all([totalsByAgent(scope, period), totalsByAgent(scope, period.previous)]);
  if (current.size === 0) return [];
  const agents = await db().agent.findMany({
    where: { id: { in: [...current.keys()] } },
    select: { id: true, slug: true, name: true, team: { select: { name: true } } },
  });
  const agentById = new Map(agents.map((agent) => [agent.id, agent]));
  return [...current.entries()]
    .map(([agentId, totals]) => {
      const agent = agentById.get(agentId);
      const before = previous.get(agentId);
      const costPerTaskUsd = perTask(totals.costUsd, totals.tasks);
      const previousCostPerTask = before ? perTask(before.costUsd, before.tasks) : null;
      return {
        agentId,
        slug: agent?.slug ?? agentId,
        name: agent?.name ?? agentId,
        team: agent?.team.name ?? "",
        ...totals,
        costPerTaskUsd,
        tokensPerTask: perTask(totals.inputTokens + totals.outputTokens, totals.tasks),
        previous: { tasks: before?.tasks ?? 0, costPerTaskUsd: previousCostPerTask },
        trend: trendOf(costPerTaskUsd, previousCostPerTask),
      };
    })
    .sort((a, b) => b.costUsd - a.costUsd || b.tasks - a.tasks || a.slug.localeCompare(b.slug));
}

async function totalsByAgent(scope: CostScope, period: { from: Date; to: Date }): Promise<Map<string, Totals>> {
  const groups = await db().trace.groupBy({
    by: ["agentId"],
    where: { ...scope.where, ...inPeriod(period) },
    _count: { _all: true },
    _sum: { costUsd: true, inputTokens: true, outputTokens: true, unpricedSpans: true },
  });
  return new Map(
    groups.map((group) => [
      group.agentId,
      {
        tasks: group._count._all,
        costUsd: Number(group._sum.costUsd ?? 0),
        inputTokens: Number(group._sum.inputTokens ?? 0),
        outputTokens: Number(group._sum.outputTokens ?? 0),
        unpricedSpans: group._sum.unpricedSpans ?? 0,
      },
    ]),
  );
}
