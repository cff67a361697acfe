"use client";

import { useQuery } from "@tanstack/react-query";
import { ErrorState } from "@/components/ui/error-state";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { LoadingRows } from "@/components/ui/loading";
import { StatTile } from "@/components/ui/stat-tile";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import type { BlockedPerHour } from "@/lib/guard/blocked-per-hour";
import { BLOCKED_REFRESH_MS, blockedQueryKey, fetchBlockedPerHour } from "@/lib/guard/blocked-queries";
import { decisionsHref } from "@/lib/guard/decisions-href";
import { BlockedChart } from "./blocked-chart";

export type BlockedTilesProps = {
  /** Server-rendered first paint; null when the server could not load it (the client retries). */
  initialData: BlockedPerHour | null;
};

// Actions the guard stopped: denied outright or held for a reviewer, in the last hour and per hour over the day.
export function BlockedTiles({ initialData }: BlockedTilesProps) {
  const query = useQuery({
    queryKey: blockedQueryKey,
    queryFn: fetchBlockedPerHour,
    initialData: initialData ?? undefined,
    initialDataUpdatedAt: initialData ? Date.parse(initialData.generatedAt) : undefined,
    refetchInterval: BLOCKED_REFRESH_MS,
    retry: 1,
  });
  const blocked = query.data;

  if (!blocked) {
    if (query.isError) {
      return (
        <ErrorState
          title="Blocked actions unavailable"
          message={`${query.error.message}. It is retried every few seconds.`}
          onRetry={() => void query.refetch()}
        />
      );
    }
    return <LoadingRows rows={1} columns={2} label="Loading blocked actions…" />;
  }

  const { denied, held } = blocked.lastHour;
  // The tile's rolling hour, fixed at the figure's own time so the list shows what was counted.
  const hourBefore = new Date(Date.parse(blocked.generatedAt) - 3_600_000).toISOString();
  return (
    <section aria-labelledby="blocked-tiles-title" className="flex flex-col gap-2" data-testid="blocked-tiles">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="blocked-tiles-title" className="text-sm font-semibold text-fg">
          Blocked actions
        </h2>
        <LiveIndicator updatedAt={query.dataUpdatedAt} isError={query.isError} />
      </div>
      {query.isError ? <RefreshFailed error={query.error} /> : null}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <StatTile
          label="Blocked (last hour)"
          value={(denied + held).toLocaleString("en-US")}
          tone={denied > 0 ? "danger" : held > 0 ? "warn" : undefined}
          hint={`${denied.toLocaleString("en-US")} denied · ${held.toLocaleString("en-US")} held for review`}
          href={decisionsHref({ verdict: "blocked", since: hourBefore })}
          className="self-start"
        />
        <BlockedChart hours={blocked.hours} />
      </div>
    </section>
  );
}
