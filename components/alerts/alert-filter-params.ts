import { createLoader, parseAsStringLiteral } from "nuqs/server";
import { parseAsText } from "@/components/ui/url-state";
import { alertKinds, alertStatuses } from "@/lib/alerts/schemas";

// The /alerts filters, kept in the URL so a view can be shared: ?status=&kind=&agent=.
export const loadAlertFilters = createLoader({
  status: parseAsStringLiteral(alertStatuses),
  kind: parseAsStringLiteral(alertKinds),
  agent: parseAsText(64),
});
