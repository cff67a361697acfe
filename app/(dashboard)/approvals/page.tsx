import type { Metadata } from "next";
import { ApprovalQueue } from "@/components/approvals/approval-queue";
import { PageHeader } from "@/components/ui/page-header";
import { roleCan } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { listHeld, type HeldDecision } from "@/lib/approvals/list-held";
import { listRecentlyDecided, type RecentlyDecided } from "@/lib/approvals/list-recently-decided";
import { RecentDecisions } from "@/components/approvals/recent-decisions";
import { ProductionRequests } from "@/components/approvals/production-requests";
import { listPromotions } from "@/lib/versions/list-promotions";
import type { PromotionView } from "@/lib/versions/promotion-view";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const principal = await requirePrincipal();
  // The live query retries from the browser and shows its error state if it still fails.
  const [initialData, recentlyDecided, productionRequests] = await Promise.all([
    listHeld(principal).catch((error: unknown): HeldDecision[] | null => {
      console.error("[control-room] approvals first paint failed", error);
      return null;
    }),
    listRecentlyDecided(principal).catch((error: unknown): RecentlyDecided[] | null => {
      console.error("[control-room] recent decisions first paint failed", error);
      return null;
    }),
    listPromotions(principal, { status: "pending" }).catch((error: unknown): PromotionView[] | null => {
      console.error("[control-room] production requests failed", error);
      return null;
    }),
  ]);
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Versions developers asked to put in production, and actions the guard held for a human decision, oldest first. A held action's agent waits until someone decides or the hold expires (expired means deny). Pausing or terminating an agent denies its waiting actions."
      />
      <ProductionRequests initialData={productionRequests} initialDataUpdatedAt={Date.now()} canDecide={roleCan(principal.role, "versions:approve-production")} />
      <h2 className="mb-3 text-base font-semibold">Held actions</h2>
      <ApprovalQueue
        initialData={initialData}
        initialDataUpdatedAt={Date.now()}
        canDecide={roleCan(principal.role, "approvals:decide")}
        canExtendBudgets={roleCan(principal.role, "budgets:extend")}
      />
      <RecentDecisions initialData={recentlyDecided} initialDataUpdatedAt={Date.now()} />
    </>
  );
}
