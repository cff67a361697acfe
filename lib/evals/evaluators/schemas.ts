import { z } from "@/lib/zod";

// The settings of a suite's evaluators: one object per evaluator, `{ type, ...settings }`, validated when
// the suite is saved so that scoring never meets a bad regex, a bad JSON Schema or a negative bound.
// Pure: shared by the suite form, the routes and the scorer.

/** Outputs longer than this are not matched against a regex (see outputRegex). */
export const MAX_REGEX_INPUT_CHARS = 100_000;
/** Longest pattern accepted by output_regex. */
export const MAX_REGEX_PATTERN_CHARS = 1_000;
export const DEFAULT_JUDGE_PASS_SCORE = 0.7;

const toolName = z.string().trim().min(1, "Tool name is required").max(200);
const bound = (unit: string) =>
  z.object({
    max: z
      .number({ error: (issue) => (issue.input === undefined ? "Required" : `max must be a number (${unit})`) })
      .finite()
      .min(0, `max must be 0 or more (${unit})`),
  });
/** A partial match: every key given must be present in the call's parameters with an equal value (objects recursively). */
const paramsMatch = z.record(z.string(), z.unknown());

const outcomeMatch = z.object({ type: z.literal("outcome_match") });

const outputContains = z.object({
  type: z.literal("output_contains"),
  /** When omitted, the item's expected.output. */
  text: z.string().min(1, "text must not be empty (omit it to use the item's expected output)").optional(),
  caseSensitive: z.boolean().default(true),
});

const outputExact = z.object({
  type: z.literal("output_exact"),
  /** When omitted, the item's expected.output. */
  text: z.string().optional(),
  /** Ignore leading and trailing whitespace (default true). */
  trim: z.boolean().default(true),
});

const outputRegex = z
  .object({
    type: z.literal("output_regex"),
    pattern: z.string().min(1, "pattern is required").max(MAX_REGEX_PATTERN_CHARS),
    flags: z
      .string()
      .regex(/^[imsu]*$/, "flags may only contain i, m, s and u")
      .optional(),
  })
  .superRefine((value, ctx) => {
    try {
      new RegExp(value.pattern, value.flags);
    } catch (error) {
      ctx.addIssue({
        code: "custom",
        path: ["pattern"],
        message: `Invalid regular expression: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  });

const jsonSchemaDocument = z.union([z.record(z.string(), z.unknown()), z.boolean()]);

const outputJsonSchema = z
  .object({ type: z.literal("output_json_schema"), schema: jsonSchemaDocument })
  .superRefine((value, ctx) => {
    try {
      compileJsonSchema(value.schema);
    } catch (error) {
      ctx.addIssue({
        code: "custom",
        path: ["schema"],
        message: `Unsupported or invalid JSON Schema: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  });

const toolCalled = z.object({
  type: z.literal("tool_called"),
  /** When omitted, every tool in the item's expected.tools must have been called. */
  name: toolName.optional(),
  params: paramsMatch.optional(),
});

const toolNotCalled = z.object({ type: z.literal("tool_not_called"), name: toolName });

const noGuardDeny = z.object({
  type: z.literal("no_guard_deny"),
  /** Also fail when the guard held an action for approval (default false). */
  includeHolds: z.boolean().default(false),
});

const maxCostUsd = bound("USD").extend({ type: z.literal("max_cost_usd") });
const maxLatencyMs = bound("milliseconds").extend({ type: z.literal("max_latency_ms") });
const maxSteps = z.object({
  type: z.literal("max_steps"),
  max: z
    .number({ error: (issue) => (issue.input === undefined ? "Required" : "max must be a number (steps)") })
    .int("max must be a whole number of steps").min(0, "max must be 0 or more (steps)"),
});

const llmJudge = z.object({
  type: z.literal("llm_judge"),
  criteria: z.string().trim().min(1, "criteria are required").max(4_000),
  passScore: z.number().min(0, "passScore must be between 0 and 1").max(1, "passScore must be between 0 and 1").default(DEFAULT_JUDGE_PASS_SCORE),
});

export const evaluatorSchema = z.discriminatedUnion("type", [
  outcomeMatch,
  outputContains,
  outputExact,
  outputRegex,
  outputJsonSchema,
  toolCalled,
  toolNotCalled,
  noGuardDeny,
  maxCostUsd,
  maxLatencyMs,
  maxSteps,
  llmJudge,
]);

export const evaluatorsSchema = z.array(evaluatorSchema).min(1, "A suite needs at least one evaluator").max(50);

/** Settings as written (defaults optional). */
export type EvaluatorInput = z.input<typeof evaluatorSchema>;
/** Settings after parsing (defaults filled in). */
export type Evaluator = z.output<typeof evaluatorSchema>;
export type EvaluatorType = Evaluator["type"];

export const evaluatorTypes = [
  "outcome_match",
  "output_contains",
  "output_exact",
  "output_regex",
  "output_json_schema",
  "tool_called",
  "tool_not_called",
  "no_guard_deny",
  "max_cost_usd",
  "max_latency_ms",
  "max_steps",
  "llm_judge",
] as const satisfies readonly EvaluatorType[];

/** Evaluators that need no expected answer: they can score live production traces (online evaluation). */
export const onlineEvaluatorTypes = [
  "no_guard_deny",
  "max_cost_usd",
  "max_latency_ms",
  "max_steps",
  "output_json_schema",
  "llm_judge",
] as const satisfies readonly EvaluatorType[];

export function isOnlineEvaluator(evaluator: { type: string }): boolean {
  return (onlineEvaluatorTypes as readonly string[]).includes(evaluator.type);
}

// JSON Schema → zod through zod 4's own converter (no extra dependency). It supports the common
// keywords (type, properties, required, additionalProperties, items, enum, const, anyOf/oneOf/allOf,
// local $ref, string/number bounds, pattern); it throws on what it cannot convert, so a schema is
// refused when the suite is saved rather than when a run is scored. Compiled schemas are cached per document.
const compiled = new WeakMap<object, z.ZodType>();

export function compileJsonSchema(schema: Record<string, unknown> | boolean): z.ZodType {
  if (typeof schema === "boolean") return schema ? z.unknown() : z.never();
  const cached = compiled.get(schema);
  if (cached) return cached;
  const result = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  compiled.set(schema, result);
  return result;
}
