import { transaction } from "../db/transaction";
import { actorOf, assertCan, type Principal } from "../auth/principal";
import { assertVisible, notVisible } from "../auth/team-access";
import { isUuid } from "../db/ids";
import { recordAudit } from "../audit/record-audit";
import { AppError } from "../errors/app-error";
import { resolveIncidentSchema } from "./schemas";
import { toIncidentViews, type IncidentView } from "./incident-view";

// Resolving an incident records who, when and the summary, and resolves its alert if that is still
// open or acknowledged: one transaction, audited for both. Resolving twice answers 409.
export async function resolveIncident(principal: Principal, incidentId: string, rawInput: unknown): Promise<IncidentView> {
  assertCan(principal, "incidents:manage");
  const { summary } = resolveIncidentSchema.parse(rawInput ?? {});
  return transaction(async (tx) => {
    const incident = isUuid(incidentId) ? await tx.incident.findUnique({ where: { id: incidentId } }) : null;
    if (!incident) throw notVisible("Incident");
    assertVisible(principal, incident.teamId, "Incident");
    const by = actorOf(principal).actorLabel ?? "unknown";
    const at = new Date();
    // Conditional on the status: of two concurrent resolves, the second finds nothing to change.
    const { count } = await tx.incident.updateMany({
      where: { id: incident.id, status: "open" },
      data: { status: "resolved", resolvedAt: at, resolvedBy: by, summary },
    });
    if (count === 0) throw new AppError("conflict", "This incident is already resolved", { details: { status: incident.status } });
    await recordAudit(tx, principal, {
      action: "incident.resolve",
      targetType: "incident",
      targetId: incident.id,
      teamId: incident.teamId,
      before: { status: incident.status },
      after: { status: "resolved", summary },
    });
    if (incident.alertId) {
      const alert = await tx.alert.findUnique({ where: { id: incident.alertId }, select: { id: true, status: true, teamId: true } });
      if (alert && alert.status !== "resolved") {
        await tx.alert.update({ where: { id: alert.id }, data: { status: "resolved", resolvedAt: at, resolvedBy: by, resolveNote: summary } });
        await recordAudit(tx, principal, {
          action: "alert.resolve",
          targetType: "alert",
          targetId: alert.id,
          teamId: alert.teamId,
          before: { status: alert.status },
          after: { status: "resolved", note: summary, incidentId: incident.id },
        });
      }
    }
    const updated = await tx.incident.findUniqueOrThrow({ where: { id: incident.id } });
    const [view] = await toIncidentViews(tx, [updated]);
    return view;
  });
}
