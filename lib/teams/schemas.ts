import { z } from "../zod";

export const teamSchema = z.object({
  name: z.string().trim().min(2, "At least 2 characters").max(60, "At most 60 characters"),
  description: z.string().trim().max(500, "At most 500 characters").default(""),
});
export type TeamInput = z.input<typeof teamSchema>;
