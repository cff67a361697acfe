import { z } from "../zod";

export const traceStatuses = ["unset", "ok", "error"] as const;
export type TraceStatus = (typeof traceStatuses)[number];

export const TRACE_PAGE_DEFAULT = 50;
export const TRACE_PAGE_MAX = 200;

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
