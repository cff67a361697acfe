import { defineEvent } from "../events/define-event";

// Spans of this agent were stored (some tasks may have completed). Signalled in this process only
// (lib/events/emit.ts signal): one per batch, too frequent for a NOTIFY.
export const spansStored = defineEvent<{ agentId: string }>("spans.stored");
