import { z } from "../zod";
import { timestamp } from "../http/schemas";

// One drift monitor as GET /api/v1/drift, the /drift page and the agent's Drift tab show it (contract:
// DESIGN.md "Drift, alerts, incidents"). label and unit name the metric for people; alertId is the
// open drift alert of this metric, if any.
export const driftMonitorViewSchema = z.object({
  agent: z.object({ slug: z.string(), name: z.string() }),
  metric: z.string(),
  label: z.string(),
  kind: z.enum(["rate", "distribution", "value"]),
  unit: z.enum(["fraction", "usd", "ms", "count", "distance"]),
  status: z.enum(["collecting_baseline", "healthy", "drifting"]),
  baseline: z.object({
    value: z.number().nullable(),
    n: z.number().int(),
    // Tasks the baseline is collected over (while collecting: progress = n / target).
    target: z.number().int(),
    version: z.string().nullable(),
    from: timestamp.nullable(),
    to: timestamp.nullable(),
  }),
  current: z.object({ value: z.number().nullable(), n: z.number().int(), from: timestamp.nullable(), to: timestamp.nullable() }),
  statistic: z.number().nullable(),
  threshold: z.number().nullable(),
  changePointAt: timestamp.optional(),
  detectedAt: timestamp.optional(),
  alertId: z.string().optional(),
});
export type DriftMonitorView = z.infer<typeof driftMonitorViewSchema>;

export const driftListResponseSchema = z.object({ monitors: z.array(driftMonitorViewSchema) });
export const driftListQuerySchema = z.object({ agent: z.string().optional() });

// GET /api/v1/agents/{slug}/drift/{metric}: the metric over time against its baseline band.
export const driftSeriesQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export const driftAnnotationSchema = z.object({
  at: timestamp,
  kind: z.enum(["version", "rollback", "policy", "knowledge_base", "provider_model"]),
  label: z.string(),
  detail: z.string(),
  diff: z.object({ base: z.string().nullable(), head: z.string() }).optional(),
});
export const driftSeriesResponseSchema = z.object({
  metric: z.string(),
  label: z.string(),
  unit: z.enum(["fraction", "usd", "ms", "count", "distance"]),
  points: z.array(z.object({ at: timestamp, value: z.number().nullable(), n: z.number().int() })),
  baseline: z.object({ value: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable() }),
  changePointAt: timestamp.optional(),
  annotations: z.array(driftAnnotationSchema),
});
export type DriftSeries = z.infer<typeof driftSeriesResponseSchema>;
