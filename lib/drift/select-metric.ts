import { OUTCOME_PREFIX } from "./metrics";

// The metric the Drift tab charts when the URL names none: the first drifting one, else the first
// outcome rate (the seed's approval rate), else the first monitor (client-safe).
export function defaultDriftMetric(monitors: readonly { metric: string; status: string }[]): string | null {
  return (
    monitors.find((monitor) => monitor.status === "drifting")?.metric ??
    monitors.find((monitor) => monitor.metric.startsWith(OUTCOME_PREFIX))?.metric ??
    monitors[0]?.metric ??
    null
  );
}
