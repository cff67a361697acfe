import { Badge, type Tone } from "@/components/ui/badge";

// A run's status as colour and text.
const display: Record<string, { tone: Tone; label: string }> = {
  running: { tone: "info", label: "Running" },
  passed: { tone: "ok", label: "Passed" },
  failed: { tone: "danger", label: "Failed" },
};

export function RunStatusBadge({ status }: { status: string }) {
  const shown = display[status] ?? { tone: "muted" as const, label: status };
  return (
    <Badge tone={shown.tone} dot data-status={status}>
      {shown.label}
    </Badge>
  );
}

export const percent = (share: number | null | undefined) => (share === null || share === undefined ? "—" : `${(Math.round(share * 1000) / 10).toString()}%`);
