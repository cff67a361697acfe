import { getJson } from "@/lib/get-json";
import type { BlockedPerHour } from "./blocked-per-hour";

// TanStack Query key and fetcher for the overview's blocked-actions tile (client-safe).
export const blockedQueryKey = ["guard", "blocked-per-hour"] as const;
export const BLOCKED_REFRESH_MS = 10_000;

export async function fetchBlockedPerHour(): Promise<BlockedPerHour> {
  const { blocked } = await getJson<{ blocked: BlockedPerHour }>("/api/v1/overview/blocked");
  return blocked;
}
