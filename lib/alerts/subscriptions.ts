import { every } from "../events/jobs";
import { onTransaction } from "../events/registry";
import { deploymentChanged } from "../versions/events";
import { sweepBudgetAlerts, SWEEP_EVERY_MS } from "./sweep-budget-alerts";
import { raiseAlert } from "./raise-alert";

every({ name: "budget alert sweep", intervalMs: SWEEP_EVERY_MS, run: () => sweepBudgetAlerts() });

// The guarded canary ended a canary by itself: someone should know, in the same transaction.
onTransaction(deploymentChanged, "alert when the guarded canary ends a canary", async (tx, change) => {
  if (change.kind !== "canary_ended" || !change.automatic) return;
  await raiseAlert(
    {
      kind: "canary",
      severity: "warning",
      agentId: change.agentId,
      teamId: change.teamId,
      title: `Canary ${change.label} ended: worse than production`,
      details: { label: change.label, reason: change.reason, entryId: change.entryId },
      dedupeKey: `canary_ended:${change.entryId}`,
    },
    tx,
  );
});
