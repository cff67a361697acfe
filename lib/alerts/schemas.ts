import { z } from "../zod";

export const alertKinds = ["canary", "drift", "budget", "evaluation"] as const;
export const alertStatuses = ["open", "acknowledged", "resolved"] as const;

// Inputs of the alert lifecycle (routes, the /alerts dialogs' server actions).
export const acknowledgeAlertSchema = z.object({
  note: z.string().trim().max(2000, "At most 2000 characters").optional().transform((note) => note || undefined),
});
export const resolveAlertSchema = z.object({
  note: z.string().trim().min(1, "Say what was done or why it is resolved").max(2000, "At most 2000 characters"),
});
export type AcknowledgeAlertInput = z.input<typeof acknowledgeAlertSchema>;
export type ResolveAlertInput = z.input<typeof resolveAlertSchema>;
