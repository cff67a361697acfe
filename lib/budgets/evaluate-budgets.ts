import type { Budget } from "../policies/document-schema";
import { totalsKey, type Spend, type SpendTotals } from "./spend-store";
import type { BudgetWindow } from "./windows";

// Whether a call's budgets allow the next action, and which alert levels its spend crossed. Pure: the
// totals come from the counters (after the call's own usage was added), so the decision is exact.
//
// A budget is exceeded for an action when the spend before the call had already reached the limit, or
// when the call's own usage takes it past the limit: with $1 calls against a $20 budget, exactly twenty
// proceed, whatever the concurrency.

export type BudgetRule = {
  scope: string; // counter scope (lib/budgets/scopes.ts)
  label: string; // "department Claims", "agent refund-agent", "workflow intake of refund-agent"
  budget: Budget;
  teamId: string;
  agentId?: string;
};

export type BudgetUse = {
  rule: BudgetRule;
  spent: Spend;
  limit: { usd?: number; tokens?: number }; // the budget plus any extension granted in this window
  ratio: number; // the larger of usd/limit and tokens/limit
};

export type BudgetEvaluation = {
  exceeded: BudgetUse[];
  // Alert levels (percent) reached by this call's spend, once per rule and level.
  crossed: (BudgetUse & { level: number })[];
};

export type Extensions = Map<string, Spend>; // `${scope}|${window}` → extra allowance this window

const windowWord: Record<BudgetWindow, string> = { day: "daily", week: "weekly", month: "monthly" };
const usd = (value: number) => `$${value.toFixed(2)}`;
const tokens = (value: number) => `${Math.round(value).toLocaleString("en-US")} tokens`;

export function evaluateBudgets(rules: BudgetRule[], totals: SpendTotals, delta: Spend, extensions: Extensions = new Map()): BudgetEvaluation {
  const exceeded: BudgetEvaluation["exceeded"] = [];
  const crossed: BudgetEvaluation["crossed"] = [];
  for (const rule of rules) {
    const key = totalsKey(rule.scope, rule.budget.window);
    const spent = totals.get(key) ?? { usd: 0, tokens: 0 };
    const extra = extensions.get(key) ?? { usd: 0, tokens: 0 };
    const limit = {
      ...(rule.budget.usd !== undefined ? { usd: rule.budget.usd + extra.usd } : {}),
      ...(rule.budget.tokens !== undefined ? { tokens: rule.budget.tokens + extra.tokens } : {}),
    };
    const before = { usd: spent.usd - delta.usd, tokens: spent.tokens - delta.tokens };
    const over = (limitValue: number | undefined, was: number, now: number) => limitValue !== undefined && (was >= limitValue || now > limitValue);
    const ratioOf = (spend: Spend) =>
      Math.max(limit.usd !== undefined ? spend.usd / limit.usd : 0, limit.tokens !== undefined ? spend.tokens / limit.tokens : 0);
    const use: BudgetUse = { rule, spent, limit, ratio: ratioOf(spent) };
    if (over(limit.usd, before.usd, spent.usd) || over(limit.tokens, before.tokens, spent.tokens)) exceeded.push(use);
    const wasRatio = ratioOf(before);
    for (const level of new Set([rule.budget.alertAtPercent, 100])) {
      if (wasRatio * 100 < level && use.ratio * 100 >= level) crossed.push({ ...use, level });
    }
  }
  return { exceeded, crossed };
}

// "department Claims has spent $20.40 of its $20.00 daily budget"
export function describeBudgetUse(use: BudgetUse): string {
  const parts: string[] = [];
  if (use.limit.usd !== undefined) parts.push(`${usd(use.spent.usd)} of its ${usd(use.limit.usd)}`);
  if (use.limit.tokens !== undefined) parts.push(`${tokens(use.spent.tokens)} of its ${tokens(use.limit.tokens)}`);
  return `${use.rule.label} has spent ${parts.join(" and ")} ${windowWord[use.rule.budget.window]} budget`;
}
