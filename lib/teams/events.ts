import { defineEvent } from "../events/define-event";

// A team was renamed, or its department budgets changed.
export const teamChanged = defineEvent<{ teamId: string }>("team.changed");
