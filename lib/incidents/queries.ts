import { getJson } from "@/lib/get-json";
import type { IncidentView } from "./incident-view";
import type { TimelineEntry } from "./timeline";

// TanStack Query keys and fetchers for /incidents and an incident's page (client-safe: types only).
export type IncidentFilters = { status?: "open" | "resolved"; agent?: string };
type Jsonified<T> = { [K in keyof T]: T[K] extends Date ? string | Date : T[K] extends Date | null ? string | Date | null : T[K] };
export type IncidentRow = Omit<Jsonified<IncidentView>, "alert"> & { alert: Jsonified<NonNullable<IncidentView["alert"]>> | null };
export type TimelineRow = Jsonified<TimelineEntry>;
export type IncidentDetail = { incident: IncidentRow; timeline: TimelineRow[] };

export const incidentQueryKeys = {
  all: ["incidents"] as const,
  list: (filters: IncidentFilters) => ["incidents", "list", filters] as const,
  detail: (id: string) => ["incidents", "detail", id] as const,
};

export const INCIDENT_REFRESH_MS = 10_000;

export function incidentsSearch(filters: IncidentFilters): string {
  const params = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const search = params.toString();
  return search ? `?${search}` : "";
}

export async function fetchIncidents(filters: IncidentFilters): Promise<{ incidents: IncidentRow[]; nextCursor: string | null }> {
  return getJson(`/api/v1/incidents${incidentsSearch(filters)}`);
}

export async function fetchIncident(id: string): Promise<IncidentDetail> {
  return getJson(`/api/v1/incidents/${encodeURIComponent(id)}`);
}

export const incidentStatsKey = ["incidents", "stats"] as const;
export type IncidentStats = { medianMs: number | null; resolved: number; open: number; days: number };

export async function fetchIncidentStats(): Promise<IncidentStats> {
  return getJson("/api/v1/incidents/stats");
}
