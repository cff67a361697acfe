"use server";

import { revalidatePath } from "next/cache";
import { decideDecision } from "@/lib/guard/decide-decision";
import { runAction } from "@/lib/http/action";

// Thin callers: lib/guard enforces the reviewer permission, team scoping and decide-once.

export async function approveHeldAction(decisionId: string, note?: string) {
  const result = await runAction((principal) => decideDecision(principal, decisionId, { verdict: "allow", note: note ?? "" }));
  revalidatePath("/approvals");
  return result;
}

export async function rejectHeldAction(decisionId: string, reason: string) {
  const result = await runAction((principal) => decideDecision(principal, decisionId, { verdict: "deny", note: reason }));
  revalidatePath("/approvals");
  return result;
}
