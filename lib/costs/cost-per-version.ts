import { db } from "../db/client";
import { inPeriod, type CostScope } from "./cost-scope";
import type { ResolvedPeriod } from "./period";
import { perTask } from "./trend";

export type VersionCost = {
  /** The agent version label; null for tasks no version is known for. */
  version: string | null;
  tasks: number;
  costUsd: number;
  /** A lower bound when unpricedSpans > 0: those spans' cost is unknown, not zero. */
  costPerTaskUsd: number | null;
  inputTokens: number;
  outputTokens: number;
  tokensPerTask: number | null;
  unpricedSpans: number;
};

// One agent's tasks (traces) of the period split by the version they ran: what a version change did to
// cost. Only for a scope of one agent (labels are per agent); one walk of traces(agent_id, version,
// start_time). Newest version first, tasks of no known version last.
export async function costPerVersion(scope: CostScope, period: ResolvedPeriod): Promise<VersionCost[]> {
  if (!scope.agent) return [];
  const groups = await db().trace.groupBy({
    by: ["version"],
    where: { ...scope.where, ...inPeriod(period) },
    _count: { _all: true },
    _sum: { costUsd: true, inputTokens: true, outputTokens: true, unpricedSpans: true },
  });
  return groups
    .map((group) => {
      const tasks = group._count._all;
      const costUsd = Number(group._sum.costUsd ?? 0);
      const inputTokens = Number(group._sum.inputTokens ?? 0);
      const outputTokens = Number(group._sum.outputTokens ?? 0);
      return {
        version: group.version,
        tasks,
        costUsd,
        costPerTaskUsd: perTask(costUsd, tasks),
        inputTokens,
        outputTokens,
        tokensPerTask: perTask(inputTokens + outputTokens, tasks),
        unpricedSpans: group._sum.unpricedSpans ?? 0,
      };
    })
    .sort(byVersionNewestFirst);
}

// v10 before v9 (numbers compare as numbers), other labels after numbered ones, unknown last.
const versionNumber = (label: string) => Number(/^v(\d+)$/i.exec(label)?.[1] ?? NaN);

export function byVersionNewestFirst(a: { version: string | null }, b: { version: string | null }): number {
  if (a.version === null || b.version === null) return a.version === b.version ? 0 : a.version === null ? 1 : -1;
  const [left, right] = [versionNumber(a.version), versionNumber(b.version)];
  if (Number.isNaN(left) !== Number.isNaN(right)) return Number.isNaN(left) ? 1 : -1;
  if (left !== right && !Number.isNaN(left)) return right - left;
  return b.version.localeCompare(a.version, "en", { numeric: true });
}
