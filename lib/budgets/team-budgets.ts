import { z } from "../zod";
import { budgetSchema, formatPolicyIssues, type Budget } from "../policies/document-schema";

// A department's budgets, stored on its team row (teams.budgets): at most one per window.
export const teamBudgetsSchema = z
  .array(budgetSchema)
  .max(3, "At most one budget per window (day, week, month)")
  .superRefine((budgets, context) => {
    const seen = new Set<string>();
    budgets.forEach((budget, index) => {
      if (seen.has(budget.window)) context.addIssue({ code: "custom", path: [index, "window"], message: `"${budget.window}" is listed twice` });
      seen.add(budget.window);
    });
  });

// Stored budgets are written through the schema; a row that no longer parses is a fault to surface
// (the guard then applies its fail mode), never a budget silently dropped.
export function parseTeamBudgets(stored: unknown, teamName: string): Budget[] {
  const result = teamBudgetsSchema.safeParse(stored ?? []);
  if (!result.success) throw new Error(`Stored budgets of team ${teamName} are invalid: ${formatPolicyIssues(result.error).join("; ")}`);
  return result.data;
}
