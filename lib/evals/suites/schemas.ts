import { z } from "../../zod";
import { timestamp } from "../../http/schemas";
import { evaluatorSchema, evaluatorsSchema } from "../evaluators/schemas";

// Inputs and responses of the suite routes (DESIGN.md "Evaluations"), shared by lib, the routes and the form.

const nameSchema = z.string().trim().min(1, "Name the suite").max(200);
const thresholdSchema = z.strictObject({
  passRate: z.number().min(0, "passRate is a share between 0 and 1").max(1, "passRate is a share between 0 and 1"),
});

export const createSuiteSchema = z.strictObject({
  dataset: z.string().trim().min(1).max(200).describe("The dataset's id (one of this agent's)"),
  name: nameSchema,
  evaluators: evaluatorsSchema,
  threshold: thresholdSchema.describe("Share of items that must pass for the run to pass"),
  gating: z.boolean().optional().describe("Make this the agent's gate (the agent's previous gate stops being one)"),
});

export const updateSuiteSchema = z
  .strictObject({
    name: nameSchema.optional(),
    evaluators: evaluatorsSchema.optional(),
    threshold: thresholdSchema.optional(),
    gating: z.boolean().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, "Send at least one of name, evaluators, threshold, gating");

export const suiteViewSchema = z.object({
  id: z.string(),
  agent: z.object({ slug: z.string() }),
  dataset: z.object({ id: z.string(), name: z.string(), items: z.number() }),
  name: z.string(),
  evaluators: z.array(evaluatorSchema),
  threshold: z.object({ passRate: z.number() }),
  gating: z.boolean(),
  createdBy: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type SuiteView = z.input<typeof suiteViewSchema>;

export const suiteResponseSchema = z.object({ suite: suiteViewSchema });
export const suiteListResponseSchema = z.object({ suites: z.array(suiteViewSchema) });
