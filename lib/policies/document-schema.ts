import { z } from "../zod";
import { agentSlugSchema } from "../agents/schemas";

// A policy document governs one scope: an agent, or one of its workflows or decision types.
// Top-level fields, screening switches and loop-breaker thresholds stay absent when not written, so a
// more specific document can override only what it names (resolve-policy.ts fills in the rest and the
// defaults). Objects are strict: a misspelt "contraints" must fail loudly, not silently drop a rule.

export const constraintOps = ["lte", "lt", "gte", "gt", "eq", "neq", "in", "notIn", "matches"] as const;
export type ConstraintOp = (typeof constraintOps)[number];
export const sensitivities = ["low", "medium", "high"] as const;
export const budgetWindows = ["day", "week", "month"] as const;
export const inputChannels = ["user", "tool", "retrieval"] as const;
export type InputChannel = (typeof inputChannels)[number];
export const outputChecks = ["secrets", "cards", "iban", "emails", "phones", "outOfScopeActions"] as const;
export type OutputCheck = (typeof outputChecks)[number];

const MAX_ITEMS = 500;

const toolName = z
  .string()
  .trim()
  .min(1, "Required")
  .max(200, "At most 200 characters")
  .regex(/^[\w*][\w.:/*-]*$/, "A tool name such as refunds.issue (letters, digits, . _ - : /), with * as a wildcard");

const scopeNameText = z.string().trim().min(1, "Required").max(120, "At most 120 characters");
// Policies are keyed by exact workflow and decision type names, so specificity stays a simple rank.
const scopeName = scopeNameText.regex(/^[\w][\w.:/-]*$/, "A name such as claims-intake or claim.approve (letters, digits, . _ - : /)");
const decisionTypePattern = scopeNameText.regex(
  /^[\w*][\w.:/*-]*$/,
  "A decision type such as claim.approve (letters, digits, . _ - : /), with * as a wildcard",
);

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1, "List at least one")]);

const paramName = z
  .string()
  .trim()
  .min(1, "Required")
  .max(200, "At most 200 characters")
  .regex(/^[\w$-]+(\.[\w$-]+)*$/, "A parameter name such as amount or customer.tier");

const scalar = z.union([z.string().max(1000, "At most 1000 characters"), z.number(), z.boolean()], {
  error: "Use a string, a number or true/false",
});

const isRegExp = (source: string) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
};

// "fail" (the default) means absence never loosens the policy: a constraint on a missing parameter
// denies, a gate condition on a missing parameter holds. "ignore" is for parameters that are optional.
const ifMissing = z.enum(["fail", "ignore"], { error: 'Use "fail" or "ignore"' }).default("fail");

const conditionBase = { param: paramName, ifMissing };
const numberValue = z
  .number({ error: (issue) => (issue.input === undefined ? "Required" : "Use a number with lte, lt, gte and gt") })
  .refine(Number.isFinite, "Use a finite number");

export const conditionSchema = z.discriminatedUnion(
  "op",
  [
    z.strictObject({ ...conditionBase, op: z.enum(["lte", "lt", "gte", "gt"]), value: numberValue }),
    z.strictObject({ ...conditionBase, op: z.enum(["eq", "neq"]), value: scalar }),
    z.strictObject({
      ...conditionBase,
      op: z.enum(["in", "notIn"]),
      value: z.array(scalar, { error: "Use a list of values with in and notIn" }).min(1, "List at least one value").max(MAX_ITEMS),
    }),
    z.strictObject({
      ...conditionBase,
      op: z.literal("matches"),
      value: z
        .string({ error: "Use a regular expression (as a string) with matches" })
        .min(1, "Required")
        .max(500, "At most 500 characters")
        .refine(isRegExp, "Not a valid regular expression"),
    }),
  ],
  { error: `op must be one of ${constraintOps.join(", ")}` },
);
export type Condition = z.output<typeof conditionSchema>;

export const toolRuleSchema = z.strictObject({
  tool: toolName,
  constraints: z.array(conditionSchema).max(MAX_ITEMS).default([]),
});
export type ToolRule = z.output<typeof toolRuleSchema>;

export const gateSchema = z.strictObject({
  id: z
    .string()
    .trim()
    .min(1, "Required")
    .max(80, "At most 80 characters")
    .regex(/^[\w.-]+$/, "Letters, digits, . _ and - (e.g. large-refund)"),
  when: z
    .strictObject({
      tool: oneOrMany(toolName).optional(),
      decisionType: oneOrMany(decisionTypePattern).optional(),
      conditions: z.array(conditionSchema).max(MAX_ITEMS).optional(),
    })
    .refine(
      (when) => when.tool !== undefined || when.decisionType !== undefined || (when.conditions?.length ?? 0) > 0,
      'Say when the gate holds: a tool, a decisionType or conditions (use tool "*" to hold every action)',
    ),
  // How long a held action waits for a reviewer before it expires into a deny.
  expiresInSeconds: z
    .number({ error: "Use a number of seconds" })
    .int("Use whole seconds")
    .min(30, "At least 30 seconds")
    .max(7 * 24 * 3600, "At most 7 days (604800 seconds)")
    .default(3600),
});
export type Gate = z.output<typeof gateSchema>;

const channelScreeningSchema = z.strictObject({
  enabled: z.boolean({ error: "Use true or false" }).optional(),
  sensitivity: z.enum(sensitivities, { error: "Use low, medium or high" }).optional(),
});

const outputScreeningSchema = z.strictObject(
  Object.fromEntries(outputChecks.map((check) => [check, z.boolean({ error: "Use true or false" }).optional()])) as Record<
    OutputCheck,
    z.ZodOptional<z.ZodBoolean>
  >,
);

export const screeningSchema = z.strictObject({
  input: z.strictObject({ user: channelScreeningSchema, tool: channelScreeningSchema, retrieval: channelScreeningSchema }).partial().optional(),
  output: outputScreeningSchema.optional(),
});

// Shape only: the counters live with the guard endpoint.
export const budgetSchema = z
  .strictObject({
    window: z.enum(budgetWindows, { error: "Use day, week or month" }),
    usd: z.number({ error: "Use an amount in USD" }).positive("Must be more than 0").optional(),
    tokens: z.number({ error: "Use a number of tokens" }).int("Use whole tokens").positive("Must be more than 0").optional(),
    onExceed: z.enum(["hold", "deny"], { error: 'Use "hold" or "deny"' }).default("hold"),
    alertAtPercent: z.number({ error: "Use a percentage" }).min(1, "At least 1").max(100, "At most 100").default(80),
  })
  .refine((budget) => budget.usd !== undefined || budget.tokens !== undefined, "Give a limit in usd, tokens or both");
export type Budget = z.output<typeof budgetSchema>;

export const loopBreakerSchema = z.strictObject({
  // The same tool with the same parameters more than sameCallMax times within windowSeconds.
  sameCallMax: z.number({ error: "Use a number" }).int("Use a whole number").min(1, "At least 1").max(10_000).optional(),
  windowSeconds: z.number({ error: "Use a number of seconds" }).int("Use whole seconds").min(1, "At least 1 second").max(86_400, "At most a day (86400 seconds)").optional(),
  sessionActionMax: z.number({ error: "Use a number" }).int("Use a whole number").min(1, "At least 1").max(1_000_000).optional(),
});

export const policyScopeSchema = z.strictObject({
  agent: agentSlugSchema,
  workflow: scopeName.optional(),
  decisionType: scopeName.optional(),
});
export type PolicyScope = z.output<typeof policyScopeSchema>;

type Named = { tool?: string; id?: string; window?: string };
function flagDuplicates(items: Named[] | undefined, key: keyof Named, field: string, context: z.RefinementCtx) {
  const seen = new Set<string>();
  items?.forEach((item, index) => {
    const name = item[key];
    if (name === undefined) return;
    if (seen.has(name)) context.addIssue({ code: "custom", path: [field, index, key], message: `"${name}" is listed twice` });
    seen.add(name);
  });
}

export const policyDocumentSchema = z
  .strictObject({
    scope: policyScopeSchema,
    // The tools this scope may call; anything else is out_of_scope. [] allows none.
    tools: z.array(toolRuleSchema).max(MAX_ITEMS).optional(),
    // Resource patterns an action may touch; absent means the tools alone bound the agent.
    resources: z.array(z.string().trim().min(1, "Required").max(500, "At most 500 characters")).max(MAX_ITEMS).optional(),
    gates: z.array(gateSchema).max(MAX_ITEMS).optional(),
    screening: screeningSchema.optional(),
    budgets: z.array(budgetSchema).max(12).optional(),
    loopBreaker: loopBreakerSchema.optional(),
    // When Control Room cannot decide: closed denies, open allows.
    failMode: z.enum(["closed", "open"], { error: 'Use "closed" or "open"' }).optional(),
  })
  .superRefine((document, context) => {
    flagDuplicates(document.tools, "tool", "tools", context);
    flagDuplicates(document.gates, "id", "gates", context);
    flagDuplicates(document.budgets, "window", "budgets", context);
  });
export type PolicyDocument = z.output<typeof policyDocumentSchema>;
export type PolicyDocumentInput = z.input<typeof policyDocumentSchema>;

// "tools[0].constraints[1].value: Use a number with lte, lt, gte and gt" — one line per problem.
// One line per problem, named by its path in the document. With lineOf (the author's JSON text is at
// hand), each also says on which line it is.
export function formatPolicyIssues(error: z.ZodError, lineOf?: (path: readonly PropertyKey[]) => number | undefined): string[] {
  return error.issues.map((issue) => {
    const where = issue.path.reduce<string>(
      (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
      "",
    );
    const unknownKeys = issue.code === "unrecognized_keys";
    const message = unknownKeys ? `Unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `"${key}"`).join(", ")}` : issue.message;
    const line = lineOf?.(unknownKeys ? [...issue.path, issue.keys[0]] : issue.path);
    const place = [where, line ? `(line ${line})` : ""].filter(Boolean).join(" ");
    return place ? `${place}: ${message}` : message;
  });
}

export type PolicyParseResult = { success: true; data: PolicyDocument } | { success: false; errors: string[] };

export function parsePolicyDocument(input: unknown, lineOf?: (path: readonly PropertyKey[]) => number | undefined): PolicyParseResult {
  const result = policyDocumentSchema.safeParse(input);
  return result.success ? { success: true, data: result.data } : { success: false, errors: formatPolicyIssues(result.error, lineOf) };
}
