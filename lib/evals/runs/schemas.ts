import { z } from "../../zod";
import { timestamp } from "../../http/schemas";
import { evaluatorTypes } from "../evaluators/schemas";
import { storableText } from "../datasets/schemas";

// Inputs and responses of the run routes (DESIGN.md "Evaluations").

/** A run evaluates at most this many items (a dataset past it is refused with a clear message). */
export const MAX_RUN_ITEMS = 5000;
const MAX_OUTPUT_BYTES = 1024 * 1024;

export const startRunSchema = z.strictObject({
  suite: z.string().trim().min(1).max(200).describe("The suite's id"),
  version: z.string().trim().min(1).max(200).describe("The version's label (v4)"),
});

export const reportResultSchema = z
  .strictObject({
    itemId: z.string().trim().min(1).max(200),
    output: storableText(MAX_OUTPUT_BYTES).optional().describe("What the version answered"),
    outcome: z.string().trim().min(1).max(200).optional(),
    traceId: z
      .string()
      .trim()
      .regex(/^[0-9a-fA-F]{32}$/, "A trace id is 32 hex digits")
      .optional()
      .describe("The trace of this item's run: its tools, guard decisions, cost, latency and steps are scored"),
  })
  .refine((value) => value.output !== undefined || value.outcome !== undefined || value.traceId !== undefined, "Send at least one of output, outcome, traceId");

export const listRunsQuerySchema = z.object({
  agent: z.string().trim().min(1).max(200).optional().describe("Only this agent's runs (slug)"),
  suite: z.string().trim().min(1).max(200).optional(),
  version: z.string().trim().min(1).max(200).optional().describe("Only runs of this version (label; with agent)"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const evaluatorType = z.enum(evaluatorTypes);
const scoreSchema = z.object({ type: evaluatorType, passed: z.boolean(), score: z.number(), reason: z.string() });

export const runStatusSchema = z.enum(["running", "passed", "failed"]);

export const runItemViewSchema = z.object({
  itemId: z.string(),
  input: z.string(),
  expected: z.unknown(),
  output: z.string().nullable(),
  outcome: z.string().nullable(),
  traceId: z.string().nullable(),
  reportedAt: timestamp.nullable(),
  passed: z.boolean().nullable(),
  scores: z.array(scoreSchema).nullable(),
});
export type RunItemView = z.input<typeof runItemViewSchema>;

export const runViewSchema = z.object({
  id: z.string(),
  agent: z.object({ slug: z.string() }),
  suite: z.object({ id: z.string(), name: z.string() }),
  version: z.string(),
  gating: z.boolean().describe("Whether the suite was the agent's gate when the run started"),
  status: runStatusSchema,
  passRate: z.number().nullable(),
  threshold: z.object({ passRate: z.number() }),
  scores: z.record(z.string(), z.number()).nullable().describe("{ <evaluator type>: passRate }"),
  counts: z.object({ items: z.number(), reported: z.number(), passed: z.number().nullable() }),
  createdBy: z.string(),
  createdAt: timestamp,
  completedAt: timestamp.nullable(),
});
export type RunView = z.input<typeof runViewSchema>;

export const startedRunResponseSchema = z.object({
  run: runViewSchema.extend({ items: z.array(z.object({ itemId: z.string(), input: z.string() })) }),
});
export const runResponseSchema = z.object({ run: runViewSchema });
export const runDetailResponseSchema = z.object({ run: runViewSchema.extend({ items: z.array(runItemViewSchema) }) });
export const runListResponseSchema = z.object({ runs: z.array(runViewSchema) });
export const reportResultResponseSchema = z.object({ item: runItemViewSchema });
