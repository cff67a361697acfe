"use server";

import { revalidatePath } from "next/cache";
import { setTeamBudgets } from "@/lib/budgets/set-team-budgets";
import { runAction } from "@/lib/http/action";

// Thin caller: lib/budgets checks budgets:manage, validates and audits.
export async function setDepartmentBudgetsAction(teamId: string, input: unknown) {
  const result = await runAction((principal) => setTeamBudgets(principal, teamId, input));
  if (result.ok) revalidatePath("/costs");
  return result;
}
