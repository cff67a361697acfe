import { on } from "../events/registry";
import { every } from "../events/jobs";
import { heldActionSettled } from "../approvals/events";
import { announceDecision } from "./decision-events";
import { purgeGuardState, PURGE_EVERY_MS } from "./purge-guard-state";

// An agent long-polling a held decision (on any replica) answers as soon as it is settled.
on(heldActionSettled, "wake the agents waiting on the decision", ({ decisionId }) => announceDecision(decisionId));

every({ name: "guard state purge", intervalMs: PURGE_EVERY_MS, run: () => purgeGuardState() });
