import { db } from "../../db/client";
import { assertCan, type Principal } from "../../auth/principal";
import { findAgentForPrincipal } from "../../agents/get-agent";
import type { OnlineEvaluatorView } from "./schemas";
import { onlineEvaluatorInclude, scoreStats, toOnlineEvaluatorView } from "./online-evaluator-view";

// The agent's online evaluators by name, each with its scores so far and its recent pass rate.
export async function listOnlineEvaluators(principal: Principal, agentSlug: string): Promise<OnlineEvaluatorView[]> {
  assertCan(principal, "evals:read");
  const agent = await findAgentForPrincipal(db(), principal, agentSlug);
  const rows = await db().onlineEvaluator.findMany({ where: { agentId: agent.id }, include: onlineEvaluatorInclude, orderBy: { name: "asc" } });
  const stats = await scoreStats(db(), rows.map((row) => row.id));
  return rows.map((row) => toOnlineEvaluatorView(row, stats.get(row.id)));
}
