import { z } from "../zod";

export const agentStatuses = ["active", "paused", "terminated"] as const;
export type AgentStatus = (typeof agentStatuses)[number];

const reservedSlugs = ["self", "new"];

export const agentSlugSchema = z
  .string()
  .trim()
  .min(2, "At least 2 characters")
  .max(64, "At most 64 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Lowercase letters, digits and single hyphens (e.g. claims-agent)")
  .refine((slug) => !reservedSlugs.includes(slug), "This name is reserved: \"self\" names the calling agent in the API and \"new\" the registration page");

export const createAgentSchema = z.object({
  slug: agentSlugSchema,
  name: z.string().trim().min(1, "Required").max(120, "At most 120 characters"),
  team: z.string().trim().min(1, "Choose a team"),
  description: z.string().trim().max(2000, "At most 2000 characters").default(""),
  ownerEmail: z.string().trim().email("Not an email address").optional().or(z.literal("").transform(() => undefined)),
});
export type CreateAgentInput = z.input<typeof createAgentSchema>;

export const updateAgentSchema = z.object({
  name: z.string().trim().min(1, "Required").max(120, "At most 120 characters").optional(),
  team: z.string().trim().min(1, "Choose a team").optional(),
  description: z.string().trim().max(2000, "At most 2000 characters").optional(),
  ownerEmail: z.string().trim().email("Not an email address").nullable().optional().or(z.literal("").transform(() => null)),
});
export type UpdateAgentInput = z.input<typeof updateAgentSchema>;

export const agentStatusChangeSchema = z.object({
  reason: z.string().trim().max(500, "At most 500 characters").optional(),
});

export const listAgentsQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  team: z.string().trim().max(100).optional(),
  status: z.enum(agentStatuses).optional(),
});
export type ListAgentsQuery = z.infer<typeof listAgentsQuerySchema>;
