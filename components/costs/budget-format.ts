import { formatCount, formatUsd } from "@/lib/costs/format";
import type { Tone } from "@/components/ui/badge";
import type { BudgetStatus } from "@/lib/budgets/collect-budgets";
import type { BudgetWindow } from "@/lib/budgets/windows";

// Pure wording shared by the budgets table, the alerts list and the approvals queue (client-safe).

export const windowLabel: Record<BudgetWindow, string> = { day: "Daily", week: "Weekly", month: "Monthly" };
export const windowNoun: Record<BudgetWindow, string> = { day: "day (UTC)", week: "week (ISO, UTC)", month: "month (UTC)" };

export const statusDisplay: Record<BudgetStatus, { tone: Tone; label: string; bar: string }> = {
  ok: { tone: "ok", label: "Within budget", bar: "bg-ok" },
  alert: { tone: "warn", label: "Near limit", bar: "bg-warn" },
  exceeded: { tone: "danger", label: "Exceeded", bar: "bg-danger" },
};

export type Amounts = { usd?: number; tokens?: number };

export const formatTokens = (tokens: number) => `${formatCount(tokens)} tokens`;

// "$20.00 · 10,000 tokens" — the parts a limit has.
export function formatLimit(limit: Amounts): string {
  const parts: string[] = [];
  if (limit.usd !== undefined) parts.push(formatUsd(limit.usd));
  if (limit.tokens !== undefined) parts.push(formatTokens(limit.tokens));
  return parts.join(" · ") || "—";
}

// Spend against a limit, in the units the limit has: ["$12.40 of $20.00", "1,200 of 10,000 tokens"].
export function formatSpendOf(spent: { usd: number; tokens: number }, limit: Amounts): string[] {
  const parts: string[] = [];
  if (limit.usd !== undefined) parts.push(`${formatUsd(spent.usd)} of ${formatUsd(limit.usd)}`);
  if (limit.tokens !== undefined) parts.push(`${formatCount(spent.tokens)} of ${formatTokens(limit.tokens)}`);
  return parts;
}

export const formatPercent = (percent: number) => `${percent >= 10 ? Math.floor(percent) : Math.floor(percent * 10) / 10}%`;
