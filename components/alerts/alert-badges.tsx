import { Badge, type Tone } from "@/components/ui/badge";

// Severity and status as colour and text (never colour alone).
const severityTone: Record<string, Tone> = { critical: "danger", warning: "warn", info: "info" };
const statusTone: Record<string, Tone> = { open: "danger", acknowledged: "warn", resolved: "ok" };
const statusText: Record<string, string> = { open: "Open", acknowledged: "Acknowledged", resolved: "Resolved" };

export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <Badge tone={severityTone[severity] ?? "muted"} dot>
      {severity.charAt(0).toUpperCase() + severity.slice(1)}
    </Badge>
  );
}

export function AlertStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={statusTone[status] ?? "muted"} dot>
      {statusText[status] ?? status}
    </Badge>
  );
}
