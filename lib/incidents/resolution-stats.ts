import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { teamAccess } from "../auth/team-access";
import { z } from "../zod";
import { resolutionStart } from "./incident-view";
import { median } from "./timeline";

export const RESOLUTION_WINDOW_DAYS = 30;

export const resolutionStatsSchema = z.object({
  medianMs: z.number().nullable().describe("Median time from alert (or incident) to resolution; null when none was resolved"),
  resolved: z.number().int(),
  open: z.number().int(),
  days: z.number().int(),
});
export type ResolutionStats = z.infer<typeof resolutionStatsSchema>;

// The overview's figure: how long incidents of the caller's teams resolved in the last 30 days took,
// from their alert's opening (or their own) to their resolution.
export async function getResolutionStats(principal: Principal, now = new Date()): Promise<ResolutionStats> {
  assertCan(principal, "incidents:read");
  const since = new Date(now.getTime() - RESOLUTION_WINDOW_DAYS * 86_400_000);
  const scope = teamAccess(principal).where();
  const [resolved, open] = await Promise.all([
    db().incident.findMany({ where: { ...scope, status: "resolved", resolvedAt: { gte: since } }, select: { openedAt: true, resolvedAt: true, alertId: true } }),
    db().incident.count({ where: { ...scope, status: "open" } }),
  ]);
  const alertIds = resolved.map((incident) => incident.alertId).filter((id): id is string => id !== null);
  const alerts = alertIds.length ? await db().alert.findMany({ where: { id: { in: alertIds } }, select: { id: true, openedAt: true } }) : [];
  const alertOf = new Map(alerts.map((alert) => [alert.id, alert]));
  const durations = resolved.map((incident) => {
    const start = resolutionStart(incident, incident.alertId ? (alertOf.get(incident.alertId) ?? null) : null);
    return Math.max(0, (incident.resolvedAt as Date).getTime() - start.getTime());
  });
  return { medianMs: median(durations), resolved: durations.length, open, days: RESOLUTION_WINDOW_DAYS };
}
