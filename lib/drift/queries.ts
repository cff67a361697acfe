import { getJson } from "@/lib/get-json";
import type { DriftMonitorView, DriftSeries } from "./monitor-view";
import { rangeFrom, type ChartRange } from "./chart-range";

// TanStack Query keys and fetchers for /drift and an agent's Drift tab (client-safe: types only from
// the server side). Over JSON, times arrive as ISO strings; the server's first paint hands over Dates.
export type DriftMonitorRow = DriftMonitorView;
export type DriftSeriesData = DriftSeries;

export const driftQueryKeys = {
  all: ["drift"] as const,
  monitors: (agent?: string) => ["drift", "monitors", agent ?? null] as const,
  series: (agent: string, metric: string, range: ChartRange = "all") => ["drift", "series", agent, metric, range] as const,
};

export const DRIFT_REFRESH_MS = 10_000;

export async function fetchDriftMonitors(agent?: string): Promise<DriftMonitorRow[]> {
  const { monitors } = await getJson<{ monitors: DriftMonitorRow[] }>(`/api/v1/drift${agent ? `?agent=${encodeURIComponent(agent)}` : ""}`);
  return monitors;
}

// The metric's ":" is sent encoded (outcome_rate%3Aapproved); the route decodes it.
export const driftSeriesUrl = (agent: string, metric: string) => `/api/v1/agents/${encodeURIComponent(agent)}/drift/${encodeURIComponent(metric)}`;

export async function fetchDriftSeries(agent: string, metric: string, range: ChartRange = "all"): Promise<DriftSeriesData> {
  const from = rangeFrom(range);
  return getJson<DriftSeriesData>(`${driftSeriesUrl(agent, metric)}${from ? `?from=${encodeURIComponent(from)}` : ""}`);
}

/** The agent's drift chart for a metric (the Drift tab with ?metric=). */
export const driftChartHref = (agent: string, metric: string) => `/agents/${encodeURIComponent(agent)}/drift?metric=${encodeURIComponent(metric)}`;
