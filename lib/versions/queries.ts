import { getJson } from "@/lib/get-json";
import type { getCanaryComparison } from "./canary-analysis";

// TanStack Query keys and fetchers for versions (client-safe: types only from the server side).
export type CanaryComparison = Awaited<ReturnType<typeof getCanaryComparison>>;

export const versionQueryKeys = {
  canary: (slug: string) => ["versions", slug, "canary"] as const,
};

// The guarded canary judges every 15 s; the page follows at the same pace.
export const CANARY_REFRESH_MS = 15_000;

export const fetchCanaryComparison = (slug: string) => getJson<CanaryComparison>(`/api/v1/agents/${encodeURIComponent(slug)}/canary`);
