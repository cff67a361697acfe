import { z } from "../../zod";
import { timestamp } from "../../http/schemas";
import { ONLINE_NAME_PATTERN } from "../../drift/metrics";
import { evaluatorSchema, isOnlineEvaluator, onlineEvaluatorTypes } from "../evaluators/schemas";

// Inputs and responses of the online-evaluator routes (README "Online evaluators"), shared by lib, the
// routes and the panel's form (client-safe).

const nameSchema = z
  .string()
  .trim()
  .min(1, "Name the evaluator")
  .max(64, "At most 64 characters")
  .regex(ONLINE_NAME_PATTERN, "Letters, digits, spaces, _ . and -, starting with a letter or digit (it names the drift metric online:<name>)");

const sampleRateSchema = z
  .number({ error: (issue) => (issue.input === undefined ? "Required" : "sampleRate must be a number") })
  .gt(0, "sampleRate must be more than 0")
  .max(1, "sampleRate must be at most 1 (every trace)");

// Only evaluators that need no expected answer can score live traces.
export const onlineEvaluatorSettingsSchema = evaluatorSchema.refine(isOnlineEvaluator, {
  message: `Online evaluators score live traces, which have no expected answer: use one of ${onlineEvaluatorTypes.join(", ")}`,
  path: ["type"],
});

export const createOnlineEvaluatorSchema = z.strictObject({
  name: nameSchema,
  evaluator: onlineEvaluatorSettingsSchema.describe(`One evaluator, { type, ...settings }; type one of ${onlineEvaluatorTypes.join(", ")}`),
  sampleRate: sampleRateSchema.describe("Share of the agent's completed live traces to score, more than 0 and at most 1"),
  enabled: z.boolean().optional().describe("Default true"),
});

export const updateOnlineEvaluatorSchema = z
  .strictObject({
    name: nameSchema.optional(),
    evaluator: onlineEvaluatorSettingsSchema.optional().describe("Changing it restarts the drift baseline of its failure rate"),
    sampleRate: sampleRateSchema.optional(),
    enabled: z.boolean().optional().describe("Re-enabled, it scores traces completed from then on"),
  })
  .refine((value) => Object.keys(value).length > 0, "Send at least one of name, evaluator, sampleRate, enabled");

export type CreateOnlineEvaluatorInput = z.input<typeof createOnlineEvaluatorSchema>;

export const onlineEvaluatorViewSchema = z.object({
  id: z.string(),
  agent: z.object({ slug: z.string() }),
  name: z.string(),
  evaluator: evaluatorSchema,
  sampleRate: z.number(),
  enabled: z.boolean(),
  metric: z.string().describe("Its drift metric, online:<name>"),
  createdBy: z.string(),
  createdAt: timestamp,
  scores: z.object({
    total: z.number().int().describe("Traces scored so far"),
    recent: z.object({ n: z.number().int(), passRate: z.number().nullable() }).describe("Over its latest scores (at most 100)"),
    lastScoredAt: timestamp.nullable(),
  }),
  lastError: z.string().nullable().describe("Why scoring is waiting (LLM judge not configured or failing), if it is"),
});
export type OnlineEvaluatorView = z.input<typeof onlineEvaluatorViewSchema>;

export const onlineEvaluatorResponseSchema = z.object({ evaluator: onlineEvaluatorViewSchema });
export const onlineEvaluatorListResponseSchema = z.object({ evaluators: z.array(onlineEvaluatorViewSchema) });
