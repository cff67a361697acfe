import { defineEvent } from "../events/define-event";

// Guard decisions of these agents were stored. Signalled in this process only (lib/events/emit.ts
// signal): one per group commit, too frequent for a NOTIFY.
export const guardDecisionsStored = defineEvent<{ agentIds: string[] }>("guard.decisions_stored");
