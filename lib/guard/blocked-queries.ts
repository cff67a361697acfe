import type { BlockedPerHour } from "./blocked-per-hour";

// TanStack Query key and fetcher for the overview's blocked-actions tile (client-safe).
export const blockedQueryKey = ["guard", "blocked-per-hour"] as const;
export const BLOCKED_REFRESH_MS = 10_000;

export async function fetchBlockedPerHour(): Promise<BlockedPerHour> {
  const response = await fetch("/api/v1/overview/blocked", { cache: "no-store", headers: { accept: "application/json" } });
  const body = (await response.json().catch(() => null)) as { blocked?: BlockedPerHour; error?: { message?: string } } | null;
  if (!response.ok) throw new Error(body?.error?.message ?? `The server answered ${response.status}`);
  if (!body?.blocked) throw new Error("The server sent an empty answer");
  return body.blocked;
}
