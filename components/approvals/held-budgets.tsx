import { formatSpendOf, windowLabel } from "@/components/costs/budget-format";
import type { HeldDecision } from "@/lib/approvals/list-held";

// The budgets that held an action, as the guard saw them when it held it.
export function HeldBudgets({ budgets }: { budgets: HeldDecision["budgets"] }) {
  if (budgets.length === 0) return null;
  return (
    <ul aria-label="Budgets over their limit" className="mt-1 flex flex-col gap-0.5 text-xs">
      {budgets.map((budget) => (
        <li key={`${budget.scope}|${budget.window}`} className="rounded border border-danger/30 bg-danger-soft px-1.5 py-0.5 text-danger-fg" data-testid="held-budget">
          <span className="font-medium">{budget.label}</span> · {windowLabel[budget.window].toLowerCase()}: {formatSpendOf(budget.spent, budget.limit).join(" · ")}
        </li>
      ))}
    </ul>
  );
}

export const heldByBudget = (heldDecision: Pick<HeldDecision, "reasons" | "budgets">) =>
  heldDecision.budgets.length > 0 && heldDecision.reasons.some((reason) => reason.code === "budget_exceeded");
