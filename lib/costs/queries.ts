import { getJson } from "@/lib/get-json";
import type { CostSummary } from "./cost-summary";

// TanStack Query keys and fetchers for cost data (client-safe: types only from the server side).
export const costQueryKeys = {
  all: ["costs"] as const,
  /** `search` is the summary's query string (period, groupBy, agent), so each view is cached apart. */
  summary: (search: string) => ["costs", "summary", search] as const,
};

// Costs move with every trace, but a minute-old figure is fine for spend: poll gently.
export const COSTS_REFRESH_MS = 30_000;

export const costSummaryUrl = (search: string) => `/api/v1/costs${search ? `?${search}` : ""}`;
export const chargebackCsvUrl = (month: string) => `/api/v1/costs/chargeback.csv?month=${encodeURIComponent(month)}`;

export function fetchCostSummary(search: string): Promise<CostSummary> {
  return getJson<CostSummary>(costSummaryUrl(search));
}
