import { getJson } from "@/lib/get-json";
import type { ApprovalStats } from "./approval-stats";
import type { HeldDecision } from "./list-held";
import type { RecentlyDecided } from "./list-recently-decided";
import type { PromotionView } from "../versions/promotion-view";

// TanStack Query keys and fetchers for the approval queue (client-safe: types only from the server side).
export const approvalQueryKeys = {
  all: ["approvals"] as const,
  queue: ["approvals", "queue"] as const,
  count: ["approvals", "count"] as const,
  stats: ["approvals", "stats"] as const,
  recent: ["approvals", "recent"] as const,
  productionRequests: ["approvals", "production-requests"] as const,
};

// Over JSON, a request's times arrive as ISO strings.
export type ProductionRequest = Omit<PromotionView, "requestedAt" | "decidedAt"> & { requestedAt: string | Date; decidedAt: string | Date | null };

export const APPROVAL_QUEUE_REFRESH_MS = 3_000;
export const APPROVAL_COUNT_REFRESH_MS = 10_000;
export const APPROVAL_STATS_REFRESH_MS = 10_000;

export async function fetchApprovals(): Promise<HeldDecision[]> {
  const { approvals } = await getJson<{ approvals: HeldDecision[] }>("/api/v1/approvals");
  return approvals;
}

// The nav badge counts everything waiting on the Approvals page: held actions and production requests
// (a failed request count leaves the held actions' count standing).
export async function fetchPendingCount(): Promise<number> {
  const [{ pending }, requests] = await Promise.all([
    getJson<{ pending: number }>("/api/v1/approvals/count"),
    getJson<{ promotions: unknown[] }>("/api/v1/promotions?status=pending").then(
      ({ promotions }) => promotions.length,
      () => 0,
    ),
  ]);
  return pending + requests;
}

export async function fetchApprovalStats(): Promise<ApprovalStats> {
  const { stats } = await getJson<{ stats: ApprovalStats }>("/api/v1/approvals/stats");
  return stats;
}

export async function fetchRecentlyDecided(): Promise<RecentlyDecided[]> {
  const { decisions } = await getJson<{ decisions: RecentlyDecided[] }>("/api/v1/approvals/recent");
  return decisions;
}

export async function fetchProductionRequests(): Promise<ProductionRequest[]> {
  const { promotions } = await getJson<{ promotions: ProductionRequest[] }>("/api/v1/promotions?status=pending");
  return promotions;
}
