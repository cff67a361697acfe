"use client";

import { useQuery } from "@tanstack/react-query";
import { ErrorState } from "@/components/ui/error-state";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { LoadingRows } from "@/components/ui/loading";
import { StatTile } from "@/components/ui/stat-tile";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import { formatPercent, formatUsd } from "@/lib/traces/format";
import { fetchTraffic, TRAFFIC_REFRESH_MS, traceQueryKeys } from "@/lib/traces/queries";
import type { TrafficStats } from "@/lib/traces/traffic-stats";

export type TrafficTilesProps = {
  /** Server-rendered first paint; null when the server could not load it (the client retries). */
  initialData: TrafficStats | null;
};

// Live traffic from the traces table: how busy the fleet is, how often it fails, what it costs today.
export function TrafficTiles({ initialData }: TrafficTilesProps) {
  const query = useQuery({
    queryKey: traceQueryKeys.traffic,
    queryFn: fetchTraffic,
    initialData: initialData ?? undefined,
    initialDataUpdatedAt: initialData ? Date.parse(initialData.generatedAt) : undefined,
    refetchInterval: TRAFFIC_REFRESH_MS,
    retry: 1,
  });
  const traffic = query.data;

  if (!traffic) {
    if (query.isError) {
      return (
        <ErrorState
          title="Traffic unavailable"
          message={`${query.error.message}. It is retried every few seconds.`}
          onRetry={() => void query.refetch()}
        />
      );
    }
    return <LoadingRows rows={1} columns={3} label="Loading traffic…" />;
  }

  const errorRate = traffic.errorRateLastHour;
  return (
    <section aria-labelledby="traffic-title" className="flex flex-col gap-2" data-testid="traffic-tiles">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="traffic-title" className="text-sm font-semibold text-fg">
          Traffic
        </h2>
        <LiveIndicator updatedAt={query.dataUpdatedAt} isError={query.isError} />
      </div>
      {query.isError ? <RefreshFailed error={query.error} /> : null}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <StatTile
          label="Traces / min"
          value={traffic.tracesPerMinute.toLocaleString("en-US", { maximumFractionDigits: 1 })}
          hint={`${traffic.tracesLast15m.toLocaleString("en-US")} in the last 15 min`}
          href="/traces?range=15m"
        />
        <StatTile
          label="Error rate (1 h)"
          value={errorRate === null ? "—" : formatPercent(errorRate)}
          tone={errorRate === null || errorRate === 0 ? undefined : errorRate >= 0.05 ? "danger" : "warn"}
          hint={
            errorRate === null
              ? "No traces in the last hour"
              : `${traffic.errorTracesLastHour.toLocaleString("en-US")} of ${traffic.tracesLastHour.toLocaleString("en-US")} traces had an error`
          }
          href="/traces?range=1h&hasError=true"
        />
        {traffic.spend ? (
          <StatTile label="Spend today" value={spendValue(traffic.spend)} hint={spendHint(traffic.spend)} href="/costs" />
        ) : null}
      </div>
    </section>
  );
}

type Spend = NonNullable<TrafficStats["spend"]>;

function spendValue(spend: Spend): string {
  if (spend.unpricedSpansToday > 0) return spend.todayUsd === 0 ? "unpriced" : `≥ ${formatUsd(spend.todayUsd)}`;
  return formatUsd(spend.todayUsd);
}

// "vs yesterday" compares like with like: yesterday up to this time of day (UTC days).
function spendHint(spend: Spend): string {
  const base = `vs ${formatUsd(spend.yesterdaySameTimeUsd)} yesterday by now (${formatUsd(spend.yesterdayUsd)} all day, UTC)`;
  const unpriced = spend.unpricedSpansToday > 0 ? ` · ${spend.unpricedSpansToday} unpriced span${spend.unpricedSpansToday === 1 ? "" : "s"}` : "";
  if (spend.yesterdaySameTimeUsd === 0) return `${base}${unpriced}`;
  const change = (spend.todayUsd - spend.yesterdaySameTimeUsd) / spend.yesterdaySameTimeUsd;
  const sign = change > 0 ? "+" : change < 0 ? "−" : "±";
  return `${sign}${Math.abs(Math.round(change * 100))} % ${base}${unpriced}`;
}
