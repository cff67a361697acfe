"use server";

import { revalidatePath } from "next/cache";
import { decideDecision } from "@/lib/approvals/decide-decision";
import { runAction } from "@/lib/http/action";
import type { BudgetExtensionInput } from "@/lib/guard/schemas";

// Thin callers: lib/guard enforces the reviewer permission, team scoping and decide-once.

// With extendBudget, the budgets that held the action get that much more for the rest of their window.
export async function approveHeldAction(decisionId: string, note?: string, extendBudget?: BudgetExtensionInput) {
  const result = await runAction((principal) =>
    decideDecision(principal, decisionId, { verdict: "allow", note: note ?? "", ...(extendBudget ? { extendBudget } : {}) }),
  );
  revalidatePath("/approvals");
  if (extendBudget && result.ok) revalidatePath("/costs");
  return result;
}

export async function rejectHeldAction(decisionId: string, reason: string) {
  const result = await runAction((principal) => decideDecision(principal, decisionId, { verdict: "deny", note: reason }));
  revalidatePath("/approvals");
  return result;
}
