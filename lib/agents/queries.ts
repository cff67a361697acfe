import type { FleetStatus } from "./fleet-status";

// TanStack Query keys and fetchers for agent data (client-safe: types only from the server side).
export const agentQueryKeys = {
  fleet: ["fleet"] as const,
};

export const FLEET_REFRESH_MS = 5_000;

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store", headers: { accept: "application/json" } });
  const body = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok) {
    throw new Error(body?.error?.message ?? `The server answered ${response.status}`);
  }
  if (body === null) throw new Error("The server sent an empty answer");
  return body;
}

export async function fetchFleetStatus(): Promise<FleetStatus> {
  const { fleet } = await getJson<{ fleet: FleetStatus }>("/api/v1/overview");
  return fleet;
}
