import { readString, tagValue } from "./read";
import type { Dialect } from "./types";

// Control Room's own attributes, for what no convention names: the business outcome of a task
// (controlroom.outcome on the root span) and the workflow, also as a `workflow:<name>` tag.
export const controlRoomDialect: Dialect = {
  name: "controlroom",
  map: ({ attributes }) => ({
    outcome: readString(attributes, "controlroom.outcome"),
    workflow: readString(attributes, "controlroom.workflow") ?? tagValue(attributes, "workflow", "controlroom.tags", "tag.tags"),
    sessionId: readString(attributes, "controlroom.session.id"),
  }),
};
