import { z } from "../zod";
import { timestamp } from "../http/schemas";

export const webhookEvents = ["alert.raised"] as const;

const isHttpUrl = (value: string) => {
  try {
    const { protocol } = new URL(value);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
};

export const createWebhookSchema = z.object({
  team: z.string().trim().min(1, "Choose a team"),
  url: z.string().trim().max(2000, "At most 2000 characters").refine(isHttpUrl, "Use an http:// or https:// URL"),
  events: z.array(z.enum(webhookEvents)).min(1, "Choose at least one event").default(["alert.raised"]),
  secret: z
    .string()
    .trim()
    .max(200, "At most 200 characters")
    .refine((secret) => secret === "" || secret.length >= 16, "At least 16 characters")
    .optional()
    .transform((secret) => secret || undefined),
});
export type CreateWebhookInput = z.input<typeof createWebhookSchema>;

export const listDeliveriesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// A webhook as the API shows it: whether it signs, never the secret.
export const webhookViewSchema = z.object({
  id: z.string(),
  team: z.object({ id: z.string(), name: z.string() }),
  url: z.string(),
  events: z.array(z.string()),
  signed: z.boolean(),
  createdBy: z.string(),
  createdAt: timestamp,
});
export type WebhookView = z.infer<typeof webhookViewSchema>;

export const deliveryAttemptSchema = z.object({
  attempt: z.number().int(),
  at: timestamp,
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});

export const deliveryViewSchema = z.object({
  id: z.string(),
  event: z.string(),
  alertId: z.string().nullable(),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  nextAttemptAt: timestamp.nullable(),
  createdAt: timestamp,
  deliveredAt: timestamp.nullable(),
  attemptLog: z.array(deliveryAttemptSchema),
});
export type DeliveryView = z.infer<typeof deliveryViewSchema>;

export const webhookResponseSchema = z.object({ webhook: webhookViewSchema });
export const webhookListResponseSchema = z.object({ webhooks: z.array(webhookViewSchema) });
export const deliveryListResponseSchema = z.object({ deliveries: z.array(deliveryViewSchema) });
