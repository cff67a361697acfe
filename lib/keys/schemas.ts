import { z } from "../zod";
import { timestamp } from "../http/schemas";

export const createKeySchema = z.object({
  name: z.string().trim().min(1, "Give the key a name (e.g. production)").max(80, "At most 80 characters"),
});
export type CreateKeyInput = z.input<typeof createKeySchema>;

export const listKeysQuerySchema = z.object({
  agent: z.string().trim().max(64).optional(),
  includeRevoked: z.coerce.boolean().default(false),
});

// Responses: a key without its secret; the secret (key) only in the answer that creates it.
export const apiKeyViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe("The key's first characters, to recognise it"),
  kind: z.enum(["agent", "admin"]),
  agent: z.string().nullable().describe("The agent's slug (agent keys)"),
  user: z.string().nullable().describe("Who created an admin key"),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
});
export const keyListResponseSchema = z.object({ keys: z.array(apiKeyViewSchema) });
export const createdKeyResponseSchema = z.object({ key: z.string().describe("The secret, shown once: only a hash is stored"), apiKey: apiKeyViewSchema });
export const revokedKeyResponseSchema = z.object({ apiKey: apiKeyViewSchema });
