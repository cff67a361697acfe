"use client";

import { useQuery } from "@tanstack/react-query";
import { Bot } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { LoadingRows } from "@/components/ui/loading";
import { StatTile } from "@/components/ui/stat-tile";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import type { FleetStatus } from "@/lib/agents/fleet-status";
import { agentQueryKeys, fetchFleetStatus, FLEET_REFRESH_MS } from "@/lib/agents/queries";
import { RecentAgents } from "./recent-agents";

export type FleetTilesProps = {
  /** Server-rendered first paint; null when the server could not load it (the client retries). */
  initialData: FleetStatus | null;
  canCreateAgents: boolean;
};

export function FleetTiles({ initialData, canCreateAgents }: FleetTilesProps) {
  const query = useQuery({
    queryKey: agentQueryKeys.fleet,
    queryFn: fetchFleetStatus,
    initialData: initialData ?? undefined,
    initialDataUpdatedAt: initialData ? Date.parse(initialData.generatedAt) : undefined,
    refetchInterval: FLEET_REFRESH_MS,
    // The next interval is the real retry: say "not updating" quickly rather than after 3 backoffs.
    retry: 1,
  });
  const fleet = query.data;

  if (!fleet) {
    if (query.isError) {
      return (
        <ErrorState
          title="Fleet status unavailable"
          message={`${query.error.message}. It is retried every few seconds.`}
          onRetry={() => void query.refetch()}
        />
      );
    }
    return <LoadingRows rows={4} columns={4} label="Loading fleet status…" />;
  }

  return (
    <div className="flex flex-col gap-4" data-testid="fleet-status">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <LiveIndicator updatedAt={query.dataUpdatedAt} isError={query.isError} />
        {query.isError ? <RefreshFailed error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      </div>

      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatTile label="Active agents" value={fleet.active} tone="ok" href="/agents?status=active" />
        <StatTile
          label="Paused agents"
          value={fleet.paused}
          tone={fleet.paused > 0 ? "warn" : undefined}
          hint={fleet.paused > 0 ? "Every guard check is denied" : undefined}
          href="/agents?status=paused"
        />
        <StatTile
          label="Seen in last 5 min"
          value={fleet.onlineLast5m}
          hint={`of ${fleet.active} active`}
          href="/agents?sort=lastSeen&dir=desc"
        />
        <StatTile label="Terminated" value={fleet.terminated} href="/agents?status=terminated" />
      </div>

      {fleet.total === 0 ? (
        <EmptyState
          icon={<Bot />}
          title="No agents in your teams yet"
          description={
            canCreateAgents
              ? "Register an agent and give it an API key; its status, last contact and activity appear here."
              : "When a developer registers an agent in one of your teams, its status and last contact appear here."
          }
          action={
            canCreateAgents ? (
              <Button asChild variant="primary">
                <Link href="/agents/new">Register your first agent</Link>
              </Button>
            ) : null
          }
        />
      ) : (
        <RecentAgents agents={fleet.recent} />
      )}
    </div>
  );
}
