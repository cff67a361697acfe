import { getJson } from "@/lib/get-json";
import type { TrafficStats } from "./traffic-stats";
import type { TraceListPage } from "./trace-view";

// TanStack Query keys and fetchers for trace data (client-safe: types only from the server side).
export const traceQueryKeys = {
  all: ["traces"] as const,
  list: (filters: Record<string, string>) => ["traces", "list", filters] as const,
  traffic: ["traces", "traffic"] as const,
};

export const TRACE_LIST_REFRESH_MS = 3_000;
export const TRAFFIC_REFRESH_MS = 5_000;

/** The newest page of traces for these API filters (agent, status, since, model, minCost, outcome, hasError, limit). */
export function fetchTraces(filters: Record<string, string>): Promise<TraceListPage> {
  return getJson<TraceListPage>(`/api/v1/traces?${new URLSearchParams(filters).toString()}`);
}

export async function fetchTraffic(): Promise<TrafficStats> {
  const { traffic } = await getJson<{ traffic: TrafficStats }>("/api/v1/overview/traffic");
  return traffic;
}
