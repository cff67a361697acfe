"use server";

import { revalidatePath } from "next/cache";
import { openIncident } from "@/lib/incidents/open-incident";
import { resolveIncident } from "@/lib/incidents/resolve-incident";
import { isAppError } from "@/lib/errors/app-error";
import { runAction } from "@/lib/http/action";

// Thin callers: lib/incidents enforces the permissions, team scoping and the one-incident-per-alert rule.

// From an alert row: the incident takes the alert's title and severity. When the alert already has an
// incident (someone was faster), the answer points at it instead of failing.
export async function openIncidentFromAlertAction(alert: { id: string; agent: string; title: string; severity: "critical" | "warning" | "info" }) {
  const result = await runAction(async (principal) => {
    try {
      const incident = await openIncident(principal, { alertId: alert.id, agent: alert.agent, title: alert.title, severity: alert.severity });
      return { id: incident.id, existing: false };
    } catch (error) {
      const existing = isAppError(error) && error.code === "conflict" ? (error.details as { incidentId?: string } | undefined)?.incidentId : undefined;
      if (existing) return { id: existing, existing: true };
      throw error;
    }
  });
  revalidatePath("/alerts");
  revalidatePath("/incidents");
  return result;
}

export async function resolveIncidentAction(incidentId: string, summary: string) {
  const result = await runAction(async (principal) => ({ status: (await resolveIncident(principal, incidentId, { summary })).status }));
  revalidatePath(`/incidents/${incidentId}`);
  revalidatePath("/incidents");
  return result;
}
