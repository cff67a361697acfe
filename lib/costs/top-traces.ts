import { db } from "../db/client";
import { inPeriod, type CostScope } from "./cost-scope";
import type { ResolvedPeriod } from "./period";

export type ExpensiveTrace = {
  traceId: string;
  name: string;
  agent: { slug: string; name: string };
  team: string;
  workflow: string | null;
  status: string;
  startTime: string;
  spanCount: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  unpricedSpans: number;
};

// The most expensive tasks of the period, dearest first (ties: most recent first).
export async function topTraces(scope: CostScope, period: ResolvedPeriod, limit: number): Promise<ExpensiveTrace[]> {
  const traces = await db().trace.findMany({
    where: { ...scope.where, ...inPeriod(period), costUsd: { gt: 0 } },
    orderBy: [{ costUsd: "desc" }, { startTime: "desc" }],
    take: limit,
    select: {
      traceId: true,
      name: true,
      agentId: true,
      teamId: true,
      workflow: true,
      status: true,
      startTime: true,
      spanCount: true,
      inputTokens: true,
      outputTokens: true,
      costUsd: true,
      unpricedSpans: true,
    },
  });
  const [agents, teams] = await Promise.all([
    db().agent.findMany({ where: { id: { in: [...new Set(traces.map((trace) => trace.agentId))] } }, select: { id: true, slug: true, name: true } }),
    db().team.findMany({ where: { id: { in: [...new Set(traces.map((trace) => trace.teamId))] } }, select: { id: true, name: true } }),
  ]);
  const agentById = new Map(agents.map((agent) => [agent.id, agent]));
  const teamById = new Map(teams.map((team) => [team.id, team.name]));
  return traces.map((trace) => {
    const agent = agentById.get(trace.agentId);
    return {
      traceId: trace.traceId,
      name: trace.name,
      agent: { slug: agent?.slug ?? trace.agentId, name: agent?.name ?? trace.agentId },
      team: teamById.get(trace.teamId) ?? "",
      workflow: trace.workflow,
      status: trace.status,
      startTime: trace.startTime.toISOString(),
      spanCount: trace.spanCount,
      inputTokens: Number(trace.inputTokens),
      outputTokens: Number(trace.outputTokens),
      costUsd: Number(trace.costUsd),
      unpricedSpans: trace.unpricedSpans,
    };
  });
}
