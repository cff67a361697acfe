import { z } from "../zod";
import { timestamp } from "../http/schemas";

export const auditQuerySchema = z.object({
  action: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(200).optional(),
  targetType: z.string().trim().max(50).optional(),
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
  cursor: z.coerce.bigint().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

// Responses: the hash-chained log, newest first; before/after are the changed record as JSON.
export const auditListResponseSchema = z.object({
  entries: z.array(
    z.object({
      seq: z.string(),
      hash: z.string(),
      prevHash: z.string(),
      at: timestamp,
      teamId: z.string().nullable(),
      action: z.string(),
      targetType: z.string(),
      targetId: z.string().nullable(),
      targetLabel: z.string().nullable().describe("The target by name (agent slug, user email, team name, version label …); null when unknown"),
      actorType: z.string(),
      actorId: z.string().nullable(),
      actorLabel: z.string(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
