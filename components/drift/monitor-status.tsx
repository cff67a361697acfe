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

/** The collecting monitor whose n counts tasks (the guard metrics count decisions), for "412 / 1,000 tasks". */
export function collectionOf<T extends Pick<DriftMonitorRow, "metric" | "status">>(monitors: readonly T[]): T | undefined {
  const collecting = monitors.filter((monitor) => monitor.status === "collecting_baseline");
  // Online evaluators (online:<name>) count their own scores towards their own baseline.
  const own = collecting.filter((monitor) => !monitor.metric.startsWith("online:"));
  return own.find((monitor) => !monitor.metric.startsWith("guard_") && monitor.metric !== "injection_flag_rate") ?? own[0];
}
