import { Badge } from "@/components/ui/badge";

export { SeverityBadge } from "@/components/alerts/alert-badges";

// Status as colour and text (never colour alone).
export function IncidentStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={status === "open" ? "danger" : "ok"} dot>
      {status === "open" ? "Open" : "Resolved"}
    </Badge>
  );
}
