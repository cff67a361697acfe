import { every } from "../events/jobs";
import { on, onTransaction } from "../events/registry";
import { processState } from "../cache/process-state";
import { alertRaised } from "../alerts/events";
import { queueAlertDeliveries } from "./queue-deliveries";
import { deliverDueWebhooks } from "./send-deliveries";

// Deliveries are queued in the alert's own transaction; sending is a queue pass, right after the
// commit (every replica may try: the claim lets one send) and every 5 s for retries and missed kicks.
onTransaction(alertRaised, "queue webhook deliveries", (tx, raised) => queueAlertDeliveries(tx, raised).then(() => undefined));

const kicks = processState<{ last: Promise<unknown> }>("webhooks:kicks", () => ({ last: Promise.resolve() }));

on(alertRaised, "send webhook deliveries", () => {
  const pass = kicks.last.then(() => deliverDueWebhooks());
  kicks.last = pass.catch(() => undefined);
  return pass.then(() => undefined);
});

// Resolves once the passes started so far have finished (tests, shutdown).
export const webhookPassesSettled = () => kicks.last.then(() => undefined);

every({ name: "webhook deliveries", intervalMs: 5_000, run: () => deliverDueWebhooks() });
