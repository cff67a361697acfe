import { z } from "../zod";
import { timestamp } from "../http/schemas";

export const versionStages = ["development", "staging", "canary", "production", "retired"] as const;
export type VersionStage = (typeof versionStages)[number];
export const promotableStages = ["staging", "canary", "production"] as const;
export type PromotableStage = (typeof promotableStages)[number];

export const versionLabelSchema = z.string().trim().regex(/^v[1-9][0-9]{0,8}$/, "A version label: v1, v2, …");

const reason = z.string().trim().max(1000, "At most 1000 characters");
// Parameters and tool configuration are the agent's own JSON; bounded so a bundle stays a bundle.
const jsonObject = z.record(z.string(), z.unknown());
const MAX_PROMPT = 200_000;

export const toolSchema = z.object({
  name: z.string().trim().min(1, "Required").max(128, "At most 128 characters"),
  config: jsonObject.optional(),
});

export const knowledgeBaseSchema = z.object({
  id: z.string().trim().min(1, "Required").max(200, "At most 200 characters"),
  version: z.string().trim().min(1, "Required").max(200, "At most 200 characters"),
});

export const createVersionSchema = z
  .object({
    prompt: z.string().max(MAX_PROMPT, `At most ${MAX_PROMPT} characters`),
    model: z.string().trim().min(1, "Required").max(200, "At most 200 characters"),
    params: jsonObject.default({}),
    knowledgeBase: knowledgeBaseSchema.nullable().optional(),
    tools: z.array(toolSchema).max(200, "At most 200 tools").default([]),
    policyVersion: z.string().trim().max(200, "At most 200 characters").optional(),
    message: z.string().trim().min(1, "Say what changed").max(2000, "At most 2000 characters"),
  })
  .superRefine((input, ctx) => {
    const names = input.tools.map((tool) => tool.name);
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated) ctx.addIssue({ code: "custom", path: ["tools"], message: `Tool "${repeated}" is listed twice` });
    if (JSON.stringify(input.params).length > 100_000) ctx.addIssue({ code: "custom", path: ["params"], message: "At most 100 kB of parameters" });
    if (JSON.stringify(input.tools).length > 200_000) ctx.addIssue({ code: "custom", path: ["tools"], message: "At most 200 kB of tool configuration" });
  });
export type CreateVersionInput = z.input<typeof createVersionSchema>;

export const promoteSchema = z.object({
  stage: z.enum(promotableStages),
  canaryPercent: z.number().int("A whole number").min(1, "At least 1%").max(50, "At most 50%").optional(),
  reason: reason.optional(),
});
export type PromoteInput = z.input<typeof promoteSchema>;

export const rollbackSchema = z.object({
  toLabel: versionLabelSchema.optional(),
  reason: reason.min(1, "Say why you roll back"),
});
export type RollbackInput = z.input<typeof rollbackSchema>;

export const decidePromotionSchema = z.object({
  verdict: z.enum(["approve", "reject"]),
  note: reason.default(""),
});
export type DecidePromotionInput = z.input<typeof decidePromotionSchema>;

export const listPromotionsQuerySchema = z.object({
  status: z.enum(["pending", "approved", "rejected"]).optional(),
  agent: z.string().trim().max(64).optional(),
});

export const compareQuerySchema = z.object({ base: versionLabelSchema, head: versionLabelSchema });

export const configQuerySchema = z.object({
  sessionId: z.string().trim().min(1, "Required").max(256, "At most 256 characters").optional(),
});

// Responses.
const person = z.string().describe("Who: an email, an API key's name, or Control Room itself");

export const versionSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  stage: z.enum(versionStages),
  trafficPercent: z.number(),
  ungated: z.boolean(),
  model: z.string(),
  createdAt: timestamp,
  createdBy: person,
  message: z.string(),
  stageChangedAt: timestamp,
});

export const versionBundleSchema = versionSummarySchema.extend({
  prompt: z.string(),
  params: z.record(z.string(), z.unknown()),
  knowledgeBase: knowledgeBaseSchema.nullable(),
  tools: z.array(z.object({ name: z.string(), config: z.record(z.string(), z.unknown()).optional() })),
  policyVersion: z.string().nullable(),
});

export const versionResponseSchema = z.object({ version: versionBundleSchema });
export const versionListResponseSchema = z.object({ versions: z.array(versionSummarySchema) });

export const promotionViewSchema = z.object({
  id: z.string(),
  agent: z.object({ slug: z.string(), name: z.string() }),
  label: z.string(),
  fromStage: z.enum(versionStages),
  toStage: z.enum(versionStages),
  status: z.enum(["pending", "approved", "rejected"]),
  reason: z.string(),
  ungated: z.boolean(),
  requestedBy: person,
  requestedAt: timestamp,
  decidedBy: person.nullable(),
  decidedAt: timestamp.nullable(),
  note: z.string().nullable(),
});
export const promotionListResponseSchema = z.object({ promotions: z.array(promotionViewSchema) });
export const promotionResponseSchema = z.object({ promotion: promotionViewSchema });

// 200 when the version moved; 202 with the pending request when production waits for a reviewer.
export const promoteResponseSchema = z.union([
  z.object({ version: versionBundleSchema }),
  z.object({ request: z.object({ id: z.string(), status: z.literal("pending") }), promotion: promotionViewSchema }),
]);

export const rollbackResponseSchema = z.object({
  production: z.object({ label: z.string() }),
  previous: z.object({ label: z.string() }),
  endedCanary: z.object({ label: z.string() }).nullable(),
});

export const deploymentKinds = ["promoted", "canary_started", "canary_ended", "production_requested", "production_approved", "production_rejected", "rolled_back"] as const;
export type DeploymentKind = (typeof deploymentKinds)[number];

export const deploymentEventSchema = z.object({
  at: timestamp,
  kind: z.enum(deploymentKinds),
  label: z.string(),
  fromLabel: z.string().nullable(),
  fromStage: z.string().nullable(),
  toStage: z.string().nullable(),
  canaryPercent: z.number().nullable(),
  by: person,
  reason: z.string().nullable(),
  ungated: z.boolean(),
  details: z.unknown().nullable(),
});
export const deploymentListResponseSchema = z.object({ events: z.array(deploymentEventSchema) });

export const configResponseSchema = z.object({
  agent: z.string().describe("The agent's slug"),
  version: z.object({ id: z.string(), label: z.string(), stage: z.enum(["production", "canary"]) }),
  model: z.string(),
  prompt: z.string(),
  params: z.record(z.string(), z.unknown()),
  knowledgeBase: knowledgeBaseSchema.nullable(),
  tools: z.array(z.object({ name: z.string(), config: z.record(z.string(), z.unknown()).optional() })),
  policyVersion: z.string().nullable(),
  sessionId: z.string().nullable(),
});

const valueChange = z.object({ key: z.string(), from: z.unknown(), to: z.unknown(), change: z.enum(["added", "removed", "changed"]) });
const fromTo = <T extends z.ZodType>(value: T) => z.object({ from: value, to: value }).nullable();
export const compareResponseSchema = z.object({
  base: versionBundleSchema,
  head: versionBundleSchema,
  changes: z.object({
    prompt: z.array(z.object({ kind: z.enum(["same", "added", "removed"]), text: z.string() })),
    model: fromTo(z.string()),
    params: z.array(valueChange),
    knowledgeBase: fromTo(knowledgeBaseSchema.nullable()),
    tools: z.array(valueChange),
    policyVersion: fromTo(z.string().nullable()),
  }),
});

// GET /api/v1/agents/{slug}/compare: two versions' live traffic and evaluation runs, b − a.
const isoTime = z.iso.datetime({ offset: true, error: "Use an ISO 8601 time such as 2026-11-01T00:00:00Z" });
export const compareRunsQuerySchema = z.object({
  a: versionLabelSchema.describe("The version compared from (label)"),
  b: versionLabelSchema.describe("The version compared to (label); differences are b − a"),
  from: isoTime.optional().describe("Start of the live-traffic period (default: 7 days before to)"),
  to: isoTime.optional().describe("End of the live-traffic period (default: now)"),
  suite: z.string().trim().min(1).max(200).optional().describe("The suite whose runs are compared (id; default: the agent's gating suite)"),
});
export type CompareRunsQuery = z.infer<typeof compareRunsQuerySchema>;

const nullableNumber = z.number().nullable();
const comparedMetricSchema = z.object({
  name: z.string().describe("error_rate, guard_deny_rate, guard_hold_rate, outcome_rate:<outcome>, cost_per_task (USD), latency_per_task (ms), steps_per_task, online:<evaluator>; for a run: the evaluator type"),
  kind: z.enum(["rate", "mean"]).describe("rate: a fraction with Newcombe's interval; mean: Welch's interval"),
  a: nullableNumber,
  b: nullableNumber,
  difference: nullableNumber.describe("b − a; null while a side has no data"),
  low: nullableNumber.describe("95% interval of the difference; null without enough data"),
  high: nullableNumber,
  n: z.object({ a: z.number().int(), b: z.number().int() }).describe("Tasks, guard decisions, scored traces or run items behind each side"),
});
const runSideSchema = z.object({
  runId: z.string().nullable().describe("The version's latest completed run of the suite; null when it has none"),
  passRate: nullableNumber,
  status: z.enum(["passed", "failed"]).nullable(),
  completedAt: timestamp.nullable(),
  items: z.number().int(),
});
export const compareRunsResponseSchema = z.object({
  a: z.object({ label: z.string() }),
  b: z.object({ label: z.string() }),
  period: z.object({ from: timestamp, to: timestamp }),
  metrics: z.array(comparedMetricSchema),
  evals: z.object({
    suite: z.object({ id: z.string(), name: z.string(), gating: z.boolean() }).nullable().describe("null: the agent has no gating suite"),
    a: runSideSchema,
    b: runSideSchema,
    evaluators: z.array(comparedMetricSchema).describe("Each evaluator's pass rate on both runs"),
    overall: z.object({ difference: nullableNumber, low: nullableNumber, high: nullableNumber }).nullable().describe("Items passed, b − a"),
    regressedCount: z.number().int(),
    regressed: z
      .array(
        z.object({
          itemId: z.string(),
          input: z.string(),
          a: z.object({ traceId: z.string().nullable() }),
          b: z.object({ traceId: z.string().nullable(), reasons: z.array(z.object({ type: z.string(), reason: z.string() })) }),
        }),
      )
      .describe("Items in both runs that passed on a and failed on b (at most 200)"),
  }),
});
export type CompareRunsResult = z.infer<typeof compareRunsResponseSchema>;
