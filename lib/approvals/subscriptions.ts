import { onTransaction } from "../events/registry";
import { agentStatusChanged } from "../agents/events";
import { denyHeldActionsOf } from "./deny-held-actions";

// A paused or terminated agent's held actions are denied in the same transaction that stops it.
onTransaction(agentStatusChanged, "deny the held actions of a stopped agent", async (tx, { agentId, slug, teamId, status, cause }) => {
  if (status === "paused" || status === "terminated") await denyHeldActionsOf(tx, { id: agentId, slug, teamId, status }, cause);
});
