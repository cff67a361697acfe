import { defineEvent } from "../events/define-event";

// One of the agent's policy documents was written, restored or deleted.
export const policyChanged = defineEvent<{ agentId: string }>("policy.changed");
