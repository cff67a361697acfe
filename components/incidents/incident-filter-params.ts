import { createLoader, parseAsStringLiteral } from "nuqs/server";
import { parseAsText } from "@/components/ui/url-state";
import { incidentStatuses } from "@/lib/incidents/schemas";

// The /incidents filters, kept in the URL so a view can be shared: ?status=&agent=.
export const loadIncidentFilters = createLoader({
  status: parseAsStringLiteral(incidentStatuses),
  agent: parseAsText(64),
});
