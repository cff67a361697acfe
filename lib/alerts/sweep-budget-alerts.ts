import { raiseBudgetAlerts } from "./budget-alerts";
import { collectBudgets, measureBudgets } from "../budgets/collect-budgets";
import { everyTeam } from "../auth/team-access";
import type { BudgetUse } from "../budgets/evaluate-budgets";

// The guard raises alerts when a guard call's spend crosses a level; spend from ingested spans does not
// pass the guard, so this sweep looks at every budget and raises what its current spend has reached.
// raiseBudgetAlerts is idempotent per budget, window and level: a sweep after the guard adds nothing.
// Every 30 s while the server runs (lib/alerts/subscriptions.ts).
export const SWEEP_EVERY_MS = 30_000;
const reported = new Set<string>();

export async function sweepBudgetAlerts(at = new Date()): Promise<{ budgets: number; raised: number }> {
  const { budgets, problems } = await collectBudgets({ teams: everyTeam });
  for (const problem of problems) {
    const line = `budget alert sweep skips the ${problem.owner} until it is fixed: ${problem.message}`;
    // Said once per process, not every 30 s; the budgets view lists the problem for as long as it lasts.
    if (reported.has(line)) continue;
    if (reported.size > 1000) reported.clear();
    reported.add(line);
    console.error(`[control-room] ${line}`);
  }
  const reached: (BudgetUse & { level: number })[] = [];
  for (const use of await measureBudgets(budgets, at)) {
    const ratio = use.percent / 100;
    for (const level of new Set([use.rule.budget.alertAtPercent, 100])) {
      if (use.percent >= level) reached.push({ rule: use.rule, spent: use.spent, limit: use.limit, ratio, level });
    }
  }
  return { budgets: budgets.length, raised: await raiseBudgetAlerts(reached, at) };
}
