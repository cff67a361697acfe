import { Badge } from "@/components/ui/badge";
import type { DriftMonitorRow } from "@/lib/drift/queries";

const display = {
  healthy: { tone: "ok", label: "Healthy" },
  drifting: { tone: "danger", label: "Drifting" },
  collecting_baseline: { tone: "info", label: "Collecting baseline" },
} as const;

export function MonitorStatusBadge({ status }: { status: DriftMonitorRow["status"] }) {
  const { tone, label } = display[status];
  return (
    <Badge tone={tone} dot data-status={status}>
      {label}
    </Badge>
  );
}

/** "412 / 1,000 tasks": how far the baseline's collection has come. */
export const baselineProgress = (monitor: Pick<DriftMonitorRow, "baseline">) =>
  `${monitor.baseline.n.toLocaleString("en-US")} / ${monitor.baseline.target.toLocaleString("en-US")} tasks`;
