import { getJson } from "@/lib/get-json";
import type { AlertView } from "./alert-view";

// TanStack Query keys and fetchers for /alerts and the nav badge (client-safe: types only from the server side).
export type AlertFilters = { status?: "open" | "acknowledged" | "resolved"; kind?: "canary" | "drift" | "budget" | "evaluation"; agent?: string };
// Over JSON, times arrive as ISO strings.
export type AlertRow = Omit<AlertView, "openedAt" | "acknowledgedAt" | "resolvedAt" | "changePointAt"> & {
  openedAt: string | Date;
  acknowledgedAt: string | Date | null;
  resolvedAt: string | Date | null;
  changePointAt: string | Date | null;
};

export const alertQueryKeys = {
  all: ["alerts"] as const,
  list: (filters: AlertFilters) => ["alerts", "list", filters] as const,
  count: ["alerts", "count"] as const,
};

export const ALERT_LIST_REFRESH_MS = 5_000;
export const ALERT_COUNT_REFRESH_MS = 10_000;

export function alertsSearch(filters: AlertFilters): string {
  const params = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const search = params.toString();
  return search ? `?${search}` : "";
}

export async function fetchAlerts(filters: AlertFilters): Promise<AlertRow[]> {
  const { alerts } = await getJson<{ alerts: AlertRow[] }>(`/api/v1/alerts${alertsSearch(filters)}`);
  return alerts;
}

export async function fetchOpenAlertCount(): Promise<number> {
  const { open } = await getJson<{ open: number }>("/api/v1/alerts/count");
  return open;
}
