import { defineEvent } from "../events/define-event";

// An alert row was created (not a deduplicated repeat). Emitted by raiseAlert inside the raising
// transaction: webhook deliveries are queued in that transaction and sent after it commits.
export type AlertRaised = { alertId: string; teamId: string; agentId: string | null; kind: string; severity: string };
export const alertRaised = defineEvent<AlertRaised>("alert.raised");
