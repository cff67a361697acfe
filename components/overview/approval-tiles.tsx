"use client";

import { useQuery } from "@tanstack/react-query";
import { ErrorState } from "@/components/ui/error-state";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { LoadingRows } from "@/components/ui/loading";
import { StatTile } from "@/components/ui/stat-tile";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import type { ApprovalStats } from "@/lib/approvals/approval-stats";
import { APPROVAL_STATS_REFRESH_MS, approvalQueryKeys, fetchApprovalStats } from "@/lib/approvals/queries";
import { formatDuration } from "@/lib/traces/format";

export type ApprovalTilesProps = {
  /** Server-rendered first paint; null when the server could not load it (the client retries). */
  initialData: ApprovalStats | null;
};

// Held actions waiting for a reviewer, and how long reviewers take to decide (the approval SLA).
export function ApprovalTiles({ initialData }: ApprovalTilesProps) {
  const query = useQuery({
    queryKey: approvalQueryKeys.stats,
    queryFn: fetchApprovalStats,
    initialData: initialData ?? undefined,
    initialDataUpdatedAt: initialData ? Date.parse(initialData.generatedAt) : undefined,
    refetchInterval: APPROVAL_STATS_REFRESH_MS,
    retry: 1,
  });
  const stats = query.data;

  if (!stats) {
    if (query.isError) {
      return (
        <ErrorState
          title="Approvals unavailable"
          message={`${query.error.message}. It is retried every few seconds.`}
          onRetry={() => void query.refetch()}
        />
      );
    }
    return <LoadingRows rows={1} columns={2} label="Loading approvals…" />;
  }

  return (
    <section aria-labelledby="approval-tiles-title" className="flex flex-col gap-2" data-testid="approval-tiles">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="approval-tiles-title" className="text-sm font-semibold text-fg">
          Approvals
        </h2>
        <LiveIndicator updatedAt={query.dataUpdatedAt} isError={query.isError} />
      </div>
      {query.isError ? <RefreshFailed error={query.error} /> : null}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <StatTile
          label="Pending approvals"
          value={stats.pending.toLocaleString("en-US")}
          tone={stats.pending > 0 ? "warn" : undefined}
          hint={stats.pending > 0 ? "Agents are waiting for a reviewer" : "Nothing waiting"}
          href="/approvals"
        />
        <StatTile
          label="Median time to decide (24 h)"
          value={stats.medianDecideMs24h === null ? "—" : formatDuration(stats.medianDecideMs24h)}
          hint={stats.decided24h === 1 ? "over 1 decision" : `over ${stats.decided24h.toLocaleString("en-US")} decisions`}
        />
      </div>
    </section>
  );
}
