import type { Tx } from "../db/client";
import type { AlertRaised } from "../alerts/events";
import { toAlertViews } from "../alerts/alert-view";
import { deliveryBody } from "./delivery-body";

// In the raising transaction: one delivery per webhook of the alert's team that takes the event. The
// queue row commits with the alert (never lost, never sent for an alert that rolled back).
export async function queueAlertDeliveries(tx: Tx, raised: AlertRaised): Promise<number> {
  const event = "alert.raised";
  const webhooks = await tx.webhook.findMany({ where: { teamId: raised.teamId, events: { has: event } }, select: { id: true } });
  if (webhooks.length === 0) return 0;
  const alert = await tx.alert.findUniqueOrThrow({ where: { id: raised.alertId } });
  const [view] = await toAlertViews(tx, [alert]);
  const body = deliveryBody(event, view);
  const { count } = await tx.webhookDelivery.createMany({
    data: webhooks.map((webhook) => ({ webhookId: webhook.id, event, alertId: alert.id, body })),
  });
  return count;
}
