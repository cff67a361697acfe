import { z } from "../zod";
import { timestamp } from "../http/schemas";
import { stepDecisionSchema, traceDecisionSchema } from "../guard/schemas";
import { spanKinds } from "./span-model";
import { DEFAULT_SORT_ORDER, DEFAULT_TRACE_SORT, sortOrders, traceSortKeys } from "./trace-sort";

export const traceStatuses = ["unset", "ok", "error"] as const;
export type TraceStatus = (typeof traceStatuses)[number];

export const TRACE_PAGE_DEFAULT = 50;
export const TRACE_PAGE_MAX = 200;
export const TRACE_SEARCH_MAX = 200;
// Trigrams: a shorter text has none, and could only be found by reading every span.
export const TRACE_TEXT_SEARCH_MIN = 3;

// A GET form sends every field, empty ones as "": those mean "no filter".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

const text = (max: number) => z.string().trim().min(1).max(max);

export const listTracesQuerySchema = z.object({
  agent: optional(text(64)),
  status: optional(z.enum(traceStatuses)),
  since: optional(z.coerce.date()),
  until: optional(z.coerce.date()),
  model: optional(text(200)),
  minCost: optional(z.coerce.number().min(0).max(1_000_000_000)),
  outcome: optional(text(200)),
  hasError: optional(z.union([z.boolean(), z.stringbool()], { error: "Use true or false" })),
  session: optional(text(256)),
  version: optional(text(64).describe("The agent version label, exactly (e.g. v3)")),
  q: optional(
    text(TRACE_SEARCH_MAX).describe(
      "Search: a trace id (exactly), else a session id (exactly), else text contained in a span's input or output (case-insensitive, at least 3 characters)",
    ),
  ),
  sort: z.preprocess((value) => (value === "" || value === null ? undefined : value), z.enum(traceSortKeys).default(DEFAULT_TRACE_SORT)),
  order: z.preprocess((value) => (value === "" || value === null ? undefined : value), z.enum(sortOrders).default(DEFAULT_SORT_ORDER)),
  cursor: optional(z.string().max(400)),
  limit: z.preprocess(
    (value) => (value === "" || value === null ? undefined : value),
    z.coerce.number().int().min(1).max(TRACE_PAGE_MAX).default(TRACE_PAGE_DEFAULT),
  ),
});
export type ListTracesQuery = z.infer<typeof listTracesQuerySchema>;
export type ListTracesInput = z.input<typeof listTracesQuerySchema>;

export const traceIdSchema = z.string().trim().min(1).max(128);
export const sessionIdSchema = z.string().trim().min(1).max(256);

// Responses: DESIGN.md's read contract. Extra keys may be added to it; none of these change.
const attributeValue: z.ZodType<unknown> = z.unknown().describe("A span attribute: string, number, boolean, null, or an array or object of them");
const totalsSchema = z.object({ inputTokens: z.number(), outputTokens: z.number(), costUsd: z.number().nullable().describe("null while a model has no price") });
const traceHead = {
  traceId: z.string(),
  agent: z.object({ slug: z.string() }),
  sessionId: z.string().nullable(),
  startTime: timestamp,
  endTime: timestamp,
  status: z.enum(traceStatuses),
  version: z.string().nullable().describe("The agent version it ran (label, e.g. v3); null when unknown"),
  totals: totalsSchema,
};
export const traceListItemSchema = z.object({
  ...traceHead,
  outcome: z.string().nullable().describe("controlroom.outcome of the root span"),
  name: z.string(),
  workflow: z.string().nullable(),
  durationMs: z.number(),
  spanCount: z.number(),
  errorCount: z.number(),
  unpricedSpans: z.number(),
  models: z.array(z.string()),
  inProgress: z.boolean().describe("No root span yet: the task is still running, and name/status are provisional"),
});
export const traceSearchMatches = ["traceId", "sessionId", "text"] as const;
export const traceListResponseSchema = z.object({
  traces: z.array(traceListItemSchema),
  nextCursor: z.string().nullable(),
  matchedAs: z.enum(traceSearchMatches).nullable().describe("What `q` was taken as (null without q): a trace id, a session id or text"),
});
const messagePartSchema = z
  .looseObject({ type: z.enum(["text", "reasoning", "tool_call", "tool_result", "other"]) })
  .describe("text/reasoning: { text }; tool_call: { name, arguments }; tool_result: { result }; other: { value }");
const payloadReadSchema = z.object({
  text: z.string().describe("As recorded (cut for display when truncated)"),
  messages: z
    .array(z.object({ role: z.string(), parts: z.array(messagePartSchema) }))
    .nullable()
    .describe("The chat messages, tool calls included, when the payload is a conversation in any dialect; else null"),
  truncated: z.boolean(),
});
export const traceSpanSchema = z.object({
  spanId: z.string(),
  parentSpanId: z.string().nullable(),
  name: z.string(),
  kind: z.enum(spanKinds),
  startTime: timestamp,
  endTime: timestamp,
  status: z.enum(traceStatuses),
  model: z.string().nullable(),
  toolName: z.string().nullable(),
  inputTokens: z.number().nullable(),
  outputTokens: z.number().nullable(),
  costUsd: z.number().nullable(),
  attributes: z.record(z.string(), attributeValue),
  version: z.string().nullable().describe("The agent version the span ran (label); null when unknown"),
  input: payloadReadSchema.nullable().describe("What went in (prompt messages, tool arguments, query), as the timeline shows it; null when none was recorded"),
  output: payloadReadSchema.nullable().describe("What came out (completion, tool result, documents); null when none was recorded"),
  events: z
    .array(z.object({ name: z.string(), time: timestamp, attributes: z.record(z.string(), attributeValue) }))
    .describe("The span's events in time order (exceptions, GenAI message events from spans or OTLP logs, …)"),
});
export const traceReadSchema = z.object({ ...traceHead, spans: z.array(traceSpanSchema) });
export const traceResponseSchema = traceReadSchema.extend({
  decisions: z.array(traceDecisionSchema).describe("Guard decisions asked with this trace's id"),
});
export const sessionResponseSchema = z.object({
  sessionId: z.string(),
  agents: z.array(z.string()),
  startTime: timestamp,
  endTime: timestamp,
  totals: totalsSchema,
  unpricedSpans: z.number(),
  traceCount: z.number(),
  truncated: z.boolean(),
  turns: z
    .array(z.looseObject({}))
    .describe("The session's turns in order, as the replay shows them; each turn carries the agent `version` that ran it and each step the `guard` decisions placed on it"),
  guard: z.object({
    sessionLevel: z.array(stepDecisionSchema).describe("Decisions asked with the session id but no replayed trace"),
    truncated: z.boolean(),
  }),
});
export const trafficResponseSchema = z.object({
  traffic: z.object({
    tracesLast15m: z.number(),
    tracesPerMinute: z.number(),
    tracesLastHour: z.number(),
    errorTracesLastHour: z.number(),
    errorRateLastHour: z.number().nullable(),
    spend: z.object({ todayUsd: z.number(), unpricedSpansToday: z.number(), yesterdaySameTimeUsd: z.number(), yesterdayUsd: z.number() }).nullable(),
    generatedAt: timestamp,
  }),
});
