import { z } from "../zod";
import { timestamp } from "../http/schemas";

export const teamSchema = z.object({
  name: z.string().trim().min(2, "At least 2 characters").max(60, "At most 60 characters"),
  description: z.string().trim().max(500, "At most 500 characters").default(""),
});
export type TeamInput = z.input<typeof teamSchema>;

// Responses.
export const teamListResponseSchema = z.object({
  teams: z.array(z.object({ id: z.string(), name: z.string(), description: z.string(), agentCount: z.number(), memberCount: z.number(), createdAt: timestamp })),
});
export const teamResponseSchema = z.object({
  team: z.object({ id: z.string(), name: z.string(), description: z.string(), createdAt: timestamp, budgets: z.unknown().describe("The team's budgets (PUT /api/v1/teams/{id}/budgets)") }),
});
export const deletedTeamResponseSchema = z.object({ id: z.string() });
