import { z } from "../zod";

// POST /api/v1/agents/{slug}/drift/baseline: a deliberate re-baseline, once a change is accepted.
export const driftRebaselineSchema = z.object({
  reason: z.string().trim().min(3, "Say why the current behaviour becomes the new baseline").max(500),
});

// PUT /api/v1/agents/{slug}/drift/settings: how the baseline is collected and which outcomes are
// watched besides the baseline's own. The baseline size applies from the next (re-)baseline.
export const driftSettingsSchema = z.object({
  baselineTasks: z.number().int().min(100).max(100_000).optional(),
  baselineDays: z.number().int().min(1).max(90).optional(),
  outcomes: z
    .array(z.string().trim().regex(/^[A-Za-z0-9_.:-]{1,64}$/, "An outcome is 1–64 letters, digits or _ . : -"))
    .max(20)
    .optional()
    .describe("Outcomes (controlroom.outcome values) to watch as outcome_rate:<outcome>, besides the baseline's common ones"),
});
export type DriftSettingsInput = z.infer<typeof driftSettingsSchema>;
