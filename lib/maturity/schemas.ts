import { z } from "../zod";
import { MATURITY_LEVELS } from "./criteria";

const level = z.literal(MATURITY_LEVELS).describe("0 registered, 1 traced, 2 governed, 3 production-grade, 4 run like infrastructure");

export const criterionSchema = z.object({
  id: z.string(),
  level,
  met: z.boolean(),
  detail: z.string().describe("What is in place, or what is missing and how to add it"),
});

export const maturityResponseSchema = z.object({ level, criteria: z.array(criterionSchema) });

export const fleetMaturityResponseSchema = z.object({
  agents: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      team: z.string(),
      level,
      nextStep: z.string().nullable().describe("The first missing criterion of the next level; null at level 4"),
    }),
  ),
  distribution: z.array(z.object({ level, agents: z.number().int() })),
  median: level.nullable(),
  lowest: level.nullable(),
});
export type FleetMaturity = z.infer<typeof fleetMaturityResponseSchema>;
