import { db } from "../db/client";
import type { BudgetUse } from "../budgets/evaluate-budgets";
import { windowStart } from "../budgets/windows";
import { raiseAlert } from "./raise-alert";

// A budget alert is raised once per budget, window and level (the unique key makes a repeat a no-op,
// so replicas and the periodic sweep can all try). The budget_alerts table stays for the costs page;
// each crossing also raises a general alert (kind "budget") that the /alerts page, the nav badge and
// webhooks work from.
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
  for (const use of crossed) await raiseAlert(budgetAlertInput(use, at));
  return count;
}

const windowWord = { day: "daily", week: "weekly", month: "monthly" } as const;

// Warning at the budget's alert level, critical at 100%. Exact repeats (same window start) share the
// dedupeKey; while one is open, a later window's crossing of the same level adds nothing (open key).
export function budgetAlertInput({ rule, spent, limit, level }: BudgetUse & { level: number }, at: Date) {
  const window = rule.budget.window;
  const start = windowStart(window, at).toISOString();
  const reached = level >= 100 ? "is over" : `reached ${level}% of`;
  return {
    kind: "budget" as const,
    severity: level >= 100 ? ("critical" as const) : ("warning" as const),
    agentId: rule.agentId ?? null,
    teamId: rule.teamId,
    title: `${capitalise(rule.label)} ${reached} its ${windowWord[window] ?? window} budget`,
    metric: "budget",
    details: {
      scope: rule.scope,
      window,
      windowStart: start,
      level,
      spentUsd: spent.usd,
      spentTokens: spent.tokens,
      limitUsd: limit.usd ?? null,
      limitTokens: limit.tokens ?? null,
    },
    dedupeKey: `budget:${rule.scope}:${window}:${start}:${level}`,
    openKey: `budget:${rule.scope}:${window}:${level}`,
  };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
