import { db } from "../db/client";
import type { Principal } from "../auth/principal";
import { costScope, inPeriod, type CostScope } from "./cost-scope";
import { costPerTask } from "./cost-per-task";
import { costPerVersion } from "./cost-per-version";
import { resolvePeriod, type ResolvedPeriod } from "./period";
import { costSummaryQuerySchema } from "./schemas";
import { spendOverTime } from "./spend-over-time";
import { topTraces } from "./top-traces";
import { perTask, trendOf } from "./trend";

// Everything /costs (and an agent's cost tab) shows for a period, in one call.
export async function getCostSummary(principal: Principal, rawQuery: unknown = {}, now: Date = new Date()) {
  const query = costSummaryQuerySchema.parse(rawQuery);
  const scope = await costScope(principal, query.agent);
  const period = resolvePeriod(query, now);
  const [totals, spend, perAgent, perVersion, expensive, hasTraces] = await Promise.all([
    periodTotals(scope, period),
    spendOverTime(scope, period, query.groupBy),
    costPerTask(scope, period),
    costPerVersion(scope, period),
    topTraces(scope, period, query.limit),
    db().trace.findFirst({ where: scope.where, select: { traceId: true } }).then(Boolean),
  ]);
  return {
    period: {
      preset: period.preset,
      label: period.label,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      fromDay: period.fromDay,
      toDay: period.toDay,
      days: period.days,
    },
    agent: scope.agent ? { slug: scope.agent.slug, name: scope.agent.name } : null,
    /** False until any trace is visible at all (whatever the period): the page explains how costs arrive. */
    hasTraces,
    totals,
    spend,
    costPerTask: perAgent,
    /** One agent's view only (empty otherwise): its tasks split by the version they ran. */
    costPerVersion: perVersion,
    topTraces: expensive,
    generatedAt: now.toISOString(),
  };
}

export type CostSummary = Awaited<ReturnType<typeof getCostSummary>>;

async function periodTotals(scope: CostScope, period: ResolvedPeriod) {
  const aggregate = (range: { from: Date; to: Date }) =>
    db().trace.aggregate({
      where: { ...scope.where, ...inPeriod(range) },
      _count: { _all: true },
      _sum: { costUsd: true, inputTokens: true, outputTokens: true, unpricedSpans: true },
    });
  const [current, previous] = await Promise.all([aggregate(period), aggregate(period.previous)]);
  const costUsd = Number(current._sum.costUsd ?? 0);
  const tasks = current._count._all;
  const previousCostUsd = Number(previous._sum.costUsd ?? 0);
  return {
    tasks,
    costUsd,
    inputTokens: Number(current._sum.inputTokens ?? 0),
    outputTokens: Number(current._sum.outputTokens ?? 0),
    unpricedSpans: current._sum.unpricedSpans ?? 0,
    costPerTaskUsd: perTask(costUsd, tasks),
    previous: { tasks: previous._count._all, costUsd: previousCostUsd },
    spendTrend: trendOf(costUsd, previousCostUsd),
  };
}
