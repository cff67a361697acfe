import { z } from "../zod";

export const createKeySchema = z.object({
  name: z.string().trim().min(1, "Give the key a name (e.g. production)").max(80, "At most 80 characters"),
});
export type CreateKeyInput = z.input<typeof createKeySchema>;

export const listKeysQuerySchema = z.object({
  agent: z.string().trim().max(64).optional(),
  includeRevoked: z.coerce.boolean().default(false),
});
