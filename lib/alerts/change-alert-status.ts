import { transaction } from "../db/transaction";
import { actorOf, assertCan, type Principal } from "../auth/principal";
import { assertVisible, notVisible } from "../auth/team-access";
import { isUuid } from "../db/ids";
import { recordAudit } from "../audit/record-audit";
import { AppError } from "../errors/app-error";
import { acknowledgeAlertSchema, resolveAlertSchema } from "./schemas";
import { toAlertViews, type AlertView } from "./alert-view";

type Transition = {
  to: "acknowledged" | "resolved";
  from: ("open" | "acknowledged")[];
  action: string;
};
const acknowledge: Transition = { to: "acknowledged", from: ["open"], action: "alert.acknowledge" };
const resolve: Transition = { to: "resolved", from: ["open", "acknowledged"], action: "alert.resolve" };

// open → acknowledged → resolved (or open → resolved). Who, when and the note are stored on the
// alert and in the audit log, in one transaction. Another team's alert answers 404; a transition
// the alert's status does not allow (acknowledging a resolved alert, resolving twice) answers 409.
async function changeStatus(principal: Principal, alertId: string, transition: Transition, note: string | undefined): Promise<AlertView> {
  assertCan(principal, "alerts:acknowledge");
  return transaction(async (tx) => {
    const alert = isUuid(alertId) ? await tx.alert.findUnique({ where: { id: alertId } }) : null;
    if (!alert) throw notVisible("Alert");
    assertVisible(principal, alert.teamId, "Alert");
    const by = actorOf(principal).actorLabel ?? "unknown";
    const at = new Date();
    const fields =
      transition.to === "acknowledged"
        ? { acknowledgedBy: by, acknowledgedAt: at, acknowledgeNote: note ?? null }
        : { resolvedBy: by, resolvedAt: at, resolveNote: note ?? null };
    // Conditional on the status read: of two concurrent resolves, the second finds nothing to change.
    const { count } = await tx.alert.updateMany({ where: { id: alert.id, status: { in: transition.from } }, data: { status: transition.to, ...fields } });
    if (count === 0) {
      throw new AppError("conflict", `This alert is ${alert.status}: it cannot be ${transition.to} now`, { details: { status: alert.status } });
    }
    await recordAudit(tx, principal, {
      action: transition.action,
      targetType: "alert",
      targetId: alert.id,
      teamId: alert.teamId,
      before: { status: alert.status },
      after: { status: transition.to, note: note ?? null },
    });
    const updated = await tx.alert.findUniqueOrThrow({ where: { id: alert.id } });
    const [view] = await toAlertViews(tx, [updated]);
    return view;
  });
}

export async function acknowledgeAlert(principal: Principal, alertId: string, rawInput: unknown = {}): Promise<AlertView> {
  assertCan(principal, "alerts:acknowledge");
  const { note } = acknowledgeAlertSchema.parse(rawInput ?? {});
  return changeStatus(principal, alertId, acknowledge, note);
}

export async function resolveAlert(principal: Principal, alertId: string, rawInput: unknown): Promise<AlertView> {
  assertCan(principal, "alerts:acknowledge");
  const { note } = resolveAlertSchema.parse(rawInput ?? {});
  return changeStatus(principal, alertId, resolve, note);
}
