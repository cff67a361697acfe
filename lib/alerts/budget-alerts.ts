import { db } from "../db/client";
import type { BudgetUse } from "../budgets/evaluate-budgets";
import { windowStart } from "../budgets/windows";

// A budget alert is raised once per budget, window and level (the unique key makes a repeat a no-op,
// so replicas and the periodic sweep can all try).
export async function raiseBudgetAlerts(crossed: (BudgetUse & { level: number })[], at = new Date()): Promise<number> {
  if (crossed.length === 0) return 0;
  const { count } = await db().budgetAlert.createMany({
    data: crossed.map(({ rule, spent, limit, level }) => ({
      teamId: rule.teamId,
      agentId: rule.agentId ?? null,
      scope: rule.scope,
      window: rule.budget.window,
      windowStart: windowStart(rule.budget.window, at),
      level,
      limitUsd: limit.usd ?? null,
      limitTokens: limit.tokens !== undefined ? BigInt(Math.round(limit.tokens)) : null,
      spentUsd: spent.usd,
      spentTokens: BigInt(Math.round(spent.tokens)),
    })),
    skipDuplicates: true,
  });
  return count;
}
