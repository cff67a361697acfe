import { z } from "../zod";
import { timestamp } from "../http/schemas";

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

// Responses (the management API's agent shape; DESIGN.md's { slug, name, team, status } and more).
export const agentViewSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  status: z.enum(agentStatuses),
  team: z.string().describe("The team's name"),
  teamId: z.string(),
  owner: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  productionVersion: z.string().nullable(),
  canary: z.object({ label: z.string(), percent: z.number() }).nullable().describe("A canary version and its share of sessions"),
  lastSeenAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const agentResponseSchema = z.object({ agent: agentViewSchema });
export const agentListResponseSchema = z.object({ agents: z.array(agentViewSchema) });
export const selfAgentResponseSchema = z.object({
  agent: z.object({ slug: z.string(), name: z.string(), team: z.string(), status: z.enum(agentStatuses) }),
});
export const fleetStatusResponseSchema = z.object({
  fleet: z.object({
    active: z.number(),
    paused: z.number(),
    terminated: z.number(),
    total: z.number(),
    onlineLast5m: z.number(),
    recent: z.array(
      z.object({
        slug: z.string(),
        name: z.string(),
        team: z.string(),
        status: z.enum(agentStatuses),
        lastSeenAt: timestamp.nullable(),
        productionVersion: agentViewSchema.shape.productionVersion,
        canary: agentViewSchema.shape.canary,
      }),
    ),
    generatedAt: timestamp,
  }),
});
