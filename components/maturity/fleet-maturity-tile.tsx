"use client";

import { useQuery } from "@tanstack/react-query";
import { Gauge } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { LoadingRows } from "@/components/ui/loading";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import { StatTile } from "@/components/ui/stat-tile";
import { levelNames } from "@/lib/maturity/criteria";
import { MATURITY_REFRESH_MS, fetchFleetMaturity, fleetMaturityKey } from "@/lib/maturity/queries";
import type { FleetMaturity } from "@/lib/maturity/schemas";
import { MaturityDistribution } from "./maturity-distribution";
import { MaturityAgentList } from "./maturity-agent-list";

// The overview's maturity tile: how many agents stand at each level, the fleet's median and lowest,
// and each agent with its level and next step (weakest first).
export function FleetMaturityTile({ initialData }: { initialData: FleetMaturity | null }) {
  const query = useQuery({
    queryKey: fleetMaturityKey,
    queryFn: fetchFleetMaturity,
    initialData: initialData ?? undefined,
    refetchInterval: MATURITY_REFRESH_MS,
    retry: 1,
  });
  const fleet = query.data;
  if (!fleet) {
    if (query.isError) {
      return <ErrorState title="Maturity unavailable" message={`${query.error.message}. It is retried every minute.`} onRetry={() => void query.refetch()} />;
    }
    return <LoadingRows rows={2} columns={3} label="Loading maturity levels…" />;
  }
  return (
    <section aria-labelledby="fleet-maturity-title" className="flex flex-col gap-2" data-testid="fleet-maturity">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="fleet-maturity-title" className="text-sm font-semibold text-fg">
          Maturity
        </h2>
        <LiveIndicator updatedAt={query.dataUpdatedAt} isError={query.isError} />
      </div>
      {query.isError ? <RefreshFailed error={query.error} /> : null}
      {fleet.agents.length === 0 ? (
        <EmptyState icon={<Gauge />} title="No agents to rate yet" description="Once an agent of your teams is registered, its maturity level (0–4) and next step appear here." />
      ) : (
        <div className="grid gap-3 lg:grid-cols-3">
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-1">
            <StatTile label="Median level" value={fleet.median === null ? "—" : `${fleet.median} · ${levelNames[fleet.median]}`} hint={`over ${fleet.agents.length} ${fleet.agents.length === 1 ? "agent" : "agents"}`} />
            <StatTile
              label="Lowest level"
              value={fleet.lowest === null ? "—" : `${fleet.lowest} · ${levelNames[fleet.lowest]}`}
              tone={fleet.lowest === 0 ? "warn" : undefined}
              hint={fleet.lowest === 0 ? "Some agents send no live traces" : undefined}
            />
          </div>
          <MaturityDistribution distribution={fleet.distribution} />
          <MaturityAgentList agents={fleet.agents} />
        </div>
      )}
    </section>
  );
}
