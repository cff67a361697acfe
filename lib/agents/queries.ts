import { getJson } from "@/lib/get-json";
import type { FleetStatus } from "./fleet-status";

// TanStack Query keys and fetchers for agent data (client-safe: types only from the server side).
export const agentQueryKeys = {
  fleet: ["fleet"] as const,
};

export const FLEET_REFRESH_MS = 5_000;

export async function fetchFleetStatus(): Promise<FleetStatus> {
  const { fleet } = await getJson<{ fleet: FleetStatus }>("/api/v1/overview");
  return fleet;
}
