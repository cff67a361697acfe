import { z } from "../zod";
import { budgetWindows } from "./windows";

// Responses of the budgets API (inputs: list-budgets.ts, set-team-budgets.ts, team-budgets.ts).
export const budgetListResponseSchema = z.object({
  budgets: z.array(z.looseObject({ key: z.string(), label: z.string() })).describe("Each budget with this window's spend"),
  alerts: z.array(z.looseObject({})).describe("Recent budget alerts"),
  departments: z.array(z.looseObject({})).describe("Each team's budgets"),
  problems: z.array(z.looseObject({})).describe("Budgets that could not be read"),
});
export const teamBudgetsResponseSchema = z.object({
  team: z.object({ id: z.string(), name: z.string() }),
  budgets: z.array(
    z.object({
      window: z.enum(budgetWindows),
      onExceed: z.enum(["deny", "hold"]),
      alertAtPercent: z.number(),
      usd: z.number().optional(),
      tokens: z.number().optional(),
    }),
  ),
});
