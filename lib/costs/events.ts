import { defineEvent } from "../events/define-event";

// A model price was added, edited or deleted.
export const pricesChanged = defineEvent<Record<string, never>>("prices.changed");
