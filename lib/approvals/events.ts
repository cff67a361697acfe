import { defineEvent } from "../events/define-event";

// A held action stopped waiting: a reviewer decided it, or its agent was stopped (denied).
export const heldActionSettled = defineEvent<{ decisionId: string }>("held_action.settled");
