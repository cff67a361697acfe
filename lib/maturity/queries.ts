import { getJson } from "@/lib/get-json";
import type { FleetMaturity } from "./schemas";

// TanStack Query key and fetcher for the overview's maturity tile (client-safe: types only).
export const fleetMaturityKey = ["maturity", "fleet"] as const;
// Maturity moves with deploys and configuration, not with traffic: a minute is fresh enough.
export const MATURITY_REFRESH_MS = 60_000;

export async function fetchFleetMaturity(): Promise<FleetMaturity> {
  return getJson("/api/v1/maturity");
}
