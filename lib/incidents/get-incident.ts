import type { Principal } from "../auth/principal";
import { z } from "../zod";
import { incidentViewSchema, type IncidentView } from "./incident-view";
import { loadIncident } from "./load-incident";
import { assembleTimeline } from "./incident-timeline";
import { timelineEntrySchema, type TimelineEntry } from "./timeline";

export const incidentResponseSchema = z.object({ incident: incidentViewSchema });
export const incidentDetailSchema = z.object({ incident: incidentViewSchema, timeline: z.array(timelineEntrySchema) });

// GET /api/v1/incidents/{id}: the incident and its timeline, assembled from the records it points at.
export async function getIncident(principal: Principal, incidentId: string): Promise<{ incident: IncidentView; timeline: TimelineEntry[] }> {
  const loaded = await loadIncident(principal, incidentId);
  return { incident: loaded.view, timeline: await assembleTimeline(loaded) };
}
