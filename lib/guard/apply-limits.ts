import { describeBudgetUse, type BudgetUse } from "../budgets/evaluate-budgets";
import type { CheckOutcome } from "./decide-check";
import type { GuardReason } from "./schemas";

// The stateful limits on top of the policy's decision for an action: the loop breaker and budgets.
// A loop denies whatever the policy said. An exceeded budget holds or denies (per budget; deny wins)
// an action the policy would allow or hold; a policy deny stays a deny (a reviewer should not be asked
// to extend a budget for an action the agent may not take at all).

export const BUDGET_HOLD_SECONDS = 3600;

export type Limits = {
  loop: GuardReason | null;
  exceededBudgets: BudgetUse[];
};

export function applyLimits(outcome: CheckOutcome, { loop, exceededBudgets }: Limits): CheckOutcome {
  if (loop) {
    const others = outcome.verdict === "deny" ? outcome.reasons : [];
    return { verdict: "deny", reasons: [loop, ...others], policyVersion: outcome.policyVersion };
  }
  if (exceededBudgets.length === 0 || outcome.verdict === "deny") return outcome;
  const deny = exceededBudgets.some((use) => use.rule.budget.onExceed === "deny");
  const reasons: GuardReason[] = exceededBudgets.map((use) => ({
    code: "budget_exceeded",
    message: `${capitalise(describeBudgetUse(use))}: ${use.rule.budget.onExceed === "deny" ? "actions are denied" : "a reviewer may grant a one-off extension"} until the window ends`,
  }));
  if (deny) return { verdict: "deny", reasons, policyVersion: outcome.policyVersion };
  return {
    verdict: "hold",
    reasons: [...outcome.reasons, ...reasons],
    expiresInSeconds: outcome.expiresInSeconds ?? BUDGET_HOLD_SECONDS,
    policyVersion: outcome.policyVersion,
  };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
