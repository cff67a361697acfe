import type { Metadata } from "next";
import { ApprovalQueue } from "@/components/approvals/approval-queue";
import { PageHeader } from "@/components/ui/page-header";
import { roleCan } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { listHeld, type HeldDecision } from "@/lib/approvals/list-held";
import { listRecentlyDecided, type RecentlyDecided } from "@/lib/approvals/list-recently-decided";
import { RecentDecisions } from "@/components/approvals/recent-decisions";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const principal = await requirePrincipal();
  // The live query retries from the browser and shows its error state if it still fails.
  const [initialData, recentlyDecided] = await Promise.all([
    listHeld(principal).catch((error: unknown): HeldDecision[] | null => {
      console.error("[control-room] approvals first paint failed", error);
      return null;
    }),
    listRecentlyDecided(principal).catch((error: unknown): RecentlyDecided[] | null => {
      console.error("[control-room] recent decisions first paint failed", error);
      return null;
    }),
  ]);
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Actions the guard held for a human decision, oldest first. The agent waits until someone decides or the hold expires (expired means deny). Pausing or terminating an agent denies its waiting actions."
      />
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
