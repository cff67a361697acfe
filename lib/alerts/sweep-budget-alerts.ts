import { raiseBudgetAlerts } from "./budget-alerts";
import { collectBudgets, measureBudgets } from "../budgets/collect-budgets";
import { everyTeam } from "../auth/team-access";
import type { BudgetUse } from "../budgets/evaluate-budgets";

// The guard raises alerts when a guard call's spend crosses a level; spend from ingested spans does not
// pass the guard, so this sweep looks at every budget and raises what its current spend has reached.
// raiseBudgetAlerts is idempotent per budget, window and level: a sweep after the guard adds nothing.
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

const EVERY_MS = 30_000;
let timer: NodeJS.Timeout | undefined;

export function startBudgetAlertSweep(log: (line: string) => void): void {
  if (timer) return;
  let running = false;
  timer = setInterval(() => {
    // A slow sweep (a large fleet, a busy database) must not pile up behind itself.
    if (running) return;
    running = true;
    sweepBudgetAlerts()
      .catch((error: unknown) => log(`budget alert sweep failed: ${(error as Error).message}`))
      .finally(() => {
        running = false;
      });
  }, EVERY_MS);
  timer.unref();
}
