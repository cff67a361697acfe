"use client";

import { useQuery } from "@tanstack/react-query";
import { ErrorState } from "@/components/ui/error-state";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { LoadingRows } from "@/components/ui/loading";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import { StatTile } from "@/components/ui/stat-tile";
import { formatDuration } from "@/lib/incidents/timeline";
import { INCIDENT_REFRESH_MS, fetchIncidentStats, incidentStatsKey, type IncidentStats } from "@/lib/incidents/queries";

// Open incidents and the median time from alert to resolution over the last 30 days.
export function IncidentTiles({ initialData }: { initialData: IncidentStats | null }) {
  const query = useQuery({
    queryKey: incidentStatsKey,
    queryFn: fetchIncidentStats,
    initialData: initialData ?? undefined,
    refetchInterval: INCIDENT_REFRESH_MS,
    retry: 1,
  });
  const stats = query.data;
  if (!stats) {
    if (query.isError) {
      return <ErrorState title="Incidents unavailable" message={`${query.error.message}. It is retried every few seconds.`} onRetry={() => void query.refetch()} />;
    }
    return <LoadingRows rows={1} columns={2} label="Loading incidents…" />;
  }
  return (
    <section aria-labelledby="incident-tiles-title" className="flex flex-col gap-2" data-testid="incident-tiles">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="incident-tiles-title" className="text-sm font-semibold text-fg">
          Incidents
        </h2>
        <LiveIndicator updatedAt={query.dataUpdatedAt} isError={query.isError} />
      </div>
      {query.isError ? <RefreshFailed error={query.error} /> : null}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <StatTile
          label="Open incidents"
          value={stats.open.toLocaleString("en-US")}
          tone={stats.open > 0 ? "danger" : undefined}
          hint={stats.open > 0 ? "Someone is (or should be) on them" : "None open"}
          href="/incidents?status=open"
        />
        <StatTile
          label={`Median time from alert to resolution (${stats.days} days)`}
          value={stats.medianMs === null ? "—" : formatDuration(stats.medianMs)}
          hint={stats.resolved === 0 ? "No resolved incidents yet" : stats.resolved === 1 ? "over 1 resolved incident" : `over ${stats.resolved.toLocaleString("en-US")} resolved incidents`}
          href="/incidents?status=resolved"
        />
      </div>
    </section>
  );
}
