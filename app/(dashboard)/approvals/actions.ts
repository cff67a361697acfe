"use server";

import { revalidatePath } from "next/cache";
import { decideDecision } from "@/lib/approvals/decide-decision";
import { decidePromotion } from "@/lib/versions/decide-promotion";
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

// A developer's production request (lib/versions refuses the requester's own and re-checks the path).
export async function decidePromotionAction(requestId: string, verdict: "approve" | "reject", note: string) {
  const result = await runAction(async (principal) => {
    const promotion = await decidePromotion(principal, requestId, { verdict, note });
    return { status: promotion.status };
  });
  revalidatePath("/approvals");
  if (result.ok && verdict === "approve") {
    revalidatePath("/");
    revalidatePath("/agents");
    revalidatePath("/agents/[slug]", "layout");
  }
  return result;
}
