import { z } from "../zod";
import { timestamp } from "../http/schemas";
import { agentSlugSchema } from "../agents/schemas";
import { DAY_MS, parseDay, periodPresets } from "./period";

// Query strings carry "" for an empty form field: treat it as absent.
const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

const MAX_RANGE_DAYS = 366;

const dayString = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date as YYYY-MM-DD")
    .refine((day) => !Number.isNaN(parseDay(day).getTime()) && parseDay(day).toISOString().startsWith(day), "Not a real date")
    .optional(),
);

const periodFields = {
  period: z.preprocess(blankToUndefined, z.enum([...periodPresets, "custom"]).optional()),
  from: dayString,
  to: dayString,
};

type PeriodFields = { period?: string; from?: string; to?: string };

// A preset, or both from and to (inclusive days, at most a year apart).
function checkRange(value: PeriodFields, context: z.RefinementCtx) {
  const custom = value.period === "custom" || value.from !== undefined || value.to !== undefined;
  if (!custom) return;
  if (!value.from) context.addIssue({ code: "custom", path: ["from"], message: "Give the first day of the range" });
  if (!value.to) context.addIssue({ code: "custom", path: ["to"], message: "Give the last day of the range" });
  if (!value.from || !value.to) return;
  const days = (parseDay(value.to).getTime() - parseDay(value.from).getTime()) / DAY_MS + 1;
  if (days < 1) context.addIssue({ code: "custom", path: ["to"], message: "The last day is before the first" });
  else if (days > MAX_RANGE_DAYS) context.addIssue({ code: "custom", path: ["to"], message: `At most ${MAX_RANGE_DAYS} days` });
}

export const costGroups = ["agent", "workflow", "team"] as const;
export type CostGroup = (typeof costGroups)[number];

export const costSummaryQuerySchema = z
  .object({
    ...periodFields,
    groupBy: z.preprocess(blankToUndefined, z.enum(costGroups).default("agent")),
    agent: z.preprocess(blankToUndefined, agentSlugSchema.optional()),
    limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(50).default(10)),
  })
  .superRefine(checkRange);

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use a month as YYYY-MM");

export const chargebackQuerySchema = z.object({
  month: z.preprocess(blankToUndefined, monthSchema.optional()),
});

// Prices in USD per million tokens. Forms send strings; "" is "not given" (Required, or no cached rate).
const MAX_PRICE = 100_000;
const toNumber = (value: unknown) => {
  if (value === "" || value === null || value === undefined) return undefined;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return value;
};
const usdPerMTok = z
  .number({ error: (issue) => (issue.input === undefined ? "Required" : "Enter an amount in USD, e.g. 2.50") })
  .min(0, "Cannot be negative")
  .max(MAX_PRICE, `At most ${MAX_PRICE.toLocaleString("en-US")}`);
const pricePerMTok = z.preprocess(toNumber, usdPerMTok);
// Optional: null (or "") means the model has no cached-input rate and cached tokens bill as input.
const cachedPerMTok = z.preprocess((value) => (value === "" || value === null ? null : toNumber(value)), usdPerMTok.nullable());

const toDate = (value: unknown) => {
  if (value === "" || value === null || value === undefined) return undefined;
  if (typeof value === "string" && !Number.isNaN(new Date(value).getTime())) return new Date(value);
  return value;
};
// A day ("2026-01-31", UTC midnight, as the form sends) or an ISO instant.
const effectiveFrom = z.preprocess(
  toDate,
  z.date({ error: (issue) => (issue.input === undefined ? "Required" : "Enter a date, e.g. 2026-01-31") }),
);

const priceFields = {
  // The price book matches case-insensitively, so names are stored lowercase (one row per name and date).
  model: z.string().trim().toLowerCase().min(1, "Required").max(200, "At most 200 characters"),
  provider: z.string().trim().max(60, "At most 60 characters"),
  inputPerMTok: pricePerMTok,
  outputPerMTok: pricePerMTok,
  cachedInputPerMTok: cachedPerMTok,
  effectiveFrom,
};

export const priceInputSchema = z.object({
  ...priceFields,
  provider: priceFields.provider.default(""),
  cachedInputPerMTok: cachedPerMTok.default(null),
});
export type PriceInput = z.output<typeof priceInputSchema>;

export const priceUpdateSchema = z
  .object(priceFields)
  .partial()
  .refine((value) => Object.values(value).some((field) => field !== undefined), "Change at least one field");

// Responses. The cost summary is the costs page's data: its parts are described loosely.
export const costSummaryResponseSchema = z.object({
  period: z.object({ preset: z.string(), label: z.string(), from: timestamp, to: timestamp, fromDay: z.string(), toDay: z.string(), days: z.number() }),
  agent: z.object({ slug: z.string(), name: z.string() }).nullable(),
  hasTraces: z.boolean(),
  totals: z.looseObject({ tasks: z.number(), costUsd: z.number(), inputTokens: z.number(), outputTokens: z.number(), unpricedSpans: z.number(), costPerTaskUsd: z.number().nullable() }),
  spend: z.looseObject({ groupBy: z.enum(costGroups) }).describe("Spend over time, per group"),
  costPerTask: z.array(z.looseObject({})),
  costPerVersion: z
    .array(z.looseObject({ version: z.string().nullable(), tasks: z.number(), costUsd: z.number(), costPerTaskUsd: z.number().nullable() }))
    .describe("With agent= only (else empty): the period's tasks, spend and cost per task per agent version, newest first; version null: unknown"),
  topTraces: z.array(z.looseObject({})),
  generatedAt: timestamp,
});
const chargebackTotals = { tasks: z.number(), inputTokens: z.number(), outputTokens: z.number(), costUsd: z.number(), unpricedSpans: z.number().describe("Spans whose model had no price: their cost is not in costUsd") };
export const chargebackResponseSchema = z.object({
  chargeback: z.object({
    month: z.string(),
    rows: z.array(z.object({ month: z.string(), teamId: z.string(), team: z.string(), ...chargebackTotals })),
    totals: z.object(chargebackTotals),
  }),
});
const priceRowSchema = z.object({
  id: z.string(),
  model: z.string(),
  provider: z.string(),
  inputPerMTok: z.number(),
  outputPerMTok: z.number(),
  cachedInputPerMTok: z.number().nullable(),
  effectiveFrom: timestamp,
});
export const priceListResponseSchema = z.object({ prices: z.array(priceRowSchema.extend({ status: z.enum(["current", "scheduled", "superseded"]) })) });
export const priceResponseSchema = z.object({ price: priceRowSchema });
export const deletedPriceResponseSchema = z.object({ id: z.string() });
