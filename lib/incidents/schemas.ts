import { z } from "../zod";

export const incidentSeverities = ["critical", "warning", "info"] as const;
export const incidentStatuses = ["open", "resolved"] as const;

// Inputs of the incident lifecycle (routes, the incident pages' server actions).
export const openIncidentSchema = z.object({
  alertId: z.uuid("An alert id").optional(),
  agent: z.string().trim().min(1, "Name the agent (its slug)").max(64),
  title: z.string().trim().min(1, "Give the incident a title").max(200, "At most 200 characters"),
  severity: z.enum(incidentSeverities),
});
export const resolveIncidentSchema = z.object({
  summary: z.string().trim().min(1, "Say what was wrong and what fixed it").max(4000, "At most 4000 characters"),
});
export const listIncidentsQuerySchema = z.object({
  status: z.enum(incidentStatuses).optional(),
  agent: z.string().trim().max(64).optional().describe("An agent's slug"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional().describe("The nextCursor of the previous page"),
});

export type OpenIncidentInput = z.input<typeof openIncidentSchema>;
export type ResolveIncidentInput = z.input<typeof resolveIncidentSchema>;
