import { db } from "../../db/client";
import { assertCan, type Principal } from "../../auth/principal";
import { teamAccess } from "../../auth/team-access";
import { findAgentForPrincipal } from "../../agents/get-agent";
import { AppError } from "../../errors/app-error";
import { isUuid } from "../../db/ids";
import { listRunsQuerySchema, type RunView } from "./schemas";
import { findRunForPrincipal, runCounts, runInclude, toRunItemView, toRunView } from "./run-view";

// Runs of the principal's teams' agents, newest first (?agent, ?suite, ?version narrow them).
export async function listRuns(principal: Principal, rawQuery: unknown): Promise<RunView[]> {
  assertCan(principal, "evals:read");
  const query = listRunsQuerySchema.parse(rawQuery ?? {});
  if (query.version && !query.agent) throw new AppError("validation_failed", "version needs agent: a label names a version of one agent");
  const agent = query.agent ? await findAgentForPrincipal(db(), principal, query.agent) : null;
  if (query.suite && !isUuid(query.suite)) return [];
  const teams = teamAccess(principal);
  const runs = await db().evalRun.findMany({
    where: {
      ...(agent ? { agentId: agent.id } : teams.where()),
      ...(query.suite ? { suiteId: query.suite } : {}),
      ...(query.version ? { versionLabel: query.version } : {}),
    },
    include: runInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit,
  });
  const counts = await runCounts(db(), runs);
  return runs.map((run) => toRunView(run, counts.get(run.id)!));
}

// One run with its items (their inputs, results and scores), in dataset order.
export async function getRun(principal: Principal, runId: string) {
  if (principal.kind !== "agent") assertCan(principal, "evals:read");
  const run = await findRunForPrincipal(db(), principal, runId);
  const [items, counts] = await Promise.all([
    db().evalRunItem.findMany({ where: { runId: run.id }, orderBy: { position: "asc" } }),
    runCounts(db(), [run]),
  ]);
  return { ...toRunView(run, counts.get(run.id)!), items: items.map(toRunItemView) };
}
