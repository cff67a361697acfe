"use client";

import { useQuery } from "@tanstack/react-query";
import { Activity } from "lucide-react";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { LoadingRows, Skeleton } from "@/components/ui/loading";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatDriftValue } from "@/lib/drift/format";
import { DRIFT_REFRESH_MS, driftChartHref, driftQueryKeys, fetchDriftMonitors, fetchDriftSeries, type DriftMonitorRow, type DriftSeriesData } from "@/lib/drift/queries";
import { DriftChart } from "./drift-chart";
import { RangePicker } from "./range-picker";
import type { ChartRange } from "@/lib/drift/chart-range";
import { baselineProgress, collectionOf, MonitorStatusBadge } from "./monitor-status";

export type AgentDriftViewProps = {
  slug: string;
  /** The charted metric (?metric=, or the default one); null when the agent has no monitor yet. */
  metric: string | null;
  /** Server-rendered first paint; null when the server could not load it (the client retries). */
  initialMonitors: DriftMonitorRow[] | null;
  initialSeries: DriftSeriesData | null;
  /** The server's error for the chart (an unknown metric): shown instead of the chart. */
  seriesError: string | null;
  initialDataUpdatedAt: number;
  /** The chart's time range (?range=). */
  range: ChartRange;
};

// An agent's Drift tab: its monitors against the baseline (live), and the chart of one metric.
export function AgentDriftView({ slug, metric, initialMonitors, initialSeries, seriesError, initialDataUpdatedAt, range }: AgentDriftViewProps) {
  const monitors = useQuery({
    queryKey: driftQueryKeys.monitors(slug),
    queryFn: () => fetchDriftMonitors(slug),
    initialData: initialMonitors ?? undefined,
    initialDataUpdatedAt: initialMonitors ? initialDataUpdatedAt : undefined,
    refetchInterval: DRIFT_REFRESH_MS,
    retry: 1,
  });
  return (
    <div className="flex flex-col gap-4">
      <MonitorsCard slug={slug} metric={metric} query={monitors} />
      {metric ? <ChartCard slug={slug} metric={metric} monitor={monitors.data?.find((row) => row.metric === metric)} initialSeries={initialSeries} seriesError={seriesError} initialDataUpdatedAt={initialDataUpdatedAt} range={range} /> : null}
    </div>
  );
}

type MonitorsQuery = ReturnType<typeof useQuery<DriftMonitorRow[]>>;

function MonitorsCard({ slug, metric, query }: { slug: string; metric: string | null; query: MonitorsQuery }) {
  const rows = query.data;
  if (!rows) {
    if (query.isError) return <ErrorState title="Drift monitors unavailable" message={`${query.error.message}. They are retried every few seconds.`} onRetry={() => void query.refetch()} />;
    return <LoadingRows rows={4} columns={5} label="Loading drift monitors…" />;
  }
  if (rows.length === 0) {
    return (
      <EmptyState
        icon={<Activity />}
        title="Not monitored yet"
        description="Drift monitoring starts at this agent's first production deploy: its first production tasks (1,000, or 7 days) become the baseline, and every metric is then compared with it as tasks arrive."
      />
    );
  }
  const collecting = collectionOf(rows);
  const drifting = rows.filter((row) => row.status === "drifting").length;
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
        <div className="flex flex-col gap-1">
          <CardTitle>Monitors</CardTitle>
          <CardDescription>
            {collecting
              ? `Collecting the baseline: ${baselineProgress(collecting)}. Metrics are compared with it once it is complete.`
              : `${rows.length} metrics against the baseline${rows[0].baseline.version ? ` of ${rows[0].baseline.version}` : ""}: ${drifting === 0 ? "none drifting" : `${drifting} drifting`}. Pick one to chart it.`}
          </CardDescription>
        </div>
        <LiveIndicator updatedAt={query.dataUpdatedAt} isError={query.isError} />
      </CardHeader>
      <CardContent className="flex flex-col gap-2">
        {query.isError ? <RefreshFailed error={query.error} /> : null}
        <Table label="Drift monitors">
          <THead>
            <TR>
              <TH>Metric</TH>
              <TH>Status</TH>
              <TH numeric>{collecting ? "Baseline so far" : "Baseline"}</TH>
              <TH numeric>Current</TH>
              <TH>Change point</TH>
            </TR>
          </THead>
          <TBody>
            {rows.map((row) => {
              const selected = row.metric === metric;
              return (
                <TR key={row.metric} data-metric={row.metric} className={selected ? "bg-accent-soft/60" : undefined}>
                  <TD>
                    <Link href={driftChartHref(slug, row.metric)} aria-current={selected ? "true" : undefined} className="font-medium text-accent underline-offset-2 hover:underline" scroll={false}>
                      {row.label}
                    </Link>
                    <span className="ml-2 font-mono text-xs text-fg-muted">{row.metric}</span>
                  </TD>
                  <TD>
                    <MonitorStatusBadge status={row.status} />
                  </TD>
                  <TD numeric>{formatDriftValue(row.baseline.value, row.unit)}</TD>
                  <TD numeric>
                    {formatDriftValue(row.current.value, row.unit)}
                    {row.current.n > 0 ? <span className="ml-1 text-xs text-fg-muted">(n {row.current.n.toLocaleString("en-US")})</span> : null}
                  </TD>
                  <TD>{row.changePointAt ? <RelativeTime value={row.changePointAt} /> : <span className="text-fg-muted">—</span>}</TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
      </CardContent>
    </Card>
  );
}

function ChartCard({
  slug,
  metric,
  monitor,
  initialSeries,
  seriesError,
  initialDataUpdatedAt,
  range,
}: {
  slug: string;
  metric: string;
  range: ChartRange;
  monitor?: DriftMonitorRow;
  initialSeries: DriftSeriesData | null;
  seriesError: string | null;
  initialDataUpdatedAt: number;
}) {
  const series = useQuery({
    queryKey: driftQueryKeys.series(slug, metric, range),
    queryFn: () => fetchDriftSeries(slug, metric, range),
    initialData: initialSeries ?? undefined,
    initialDataUpdatedAt: initialSeries ? initialDataUpdatedAt : undefined,
    refetchInterval: seriesError ? false : DRIFT_REFRESH_MS,
    enabled: !seriesError,
    retry: 1,
  });
  const title = series.data?.label ?? monitor?.label ?? metric;
  return (
    <Card aria-labelledby="drift-chart-heading">
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
        <div className="flex flex-col gap-1">
          <CardTitle id="drift-chart-heading">{title} over time</CardTitle>
          {monitor ? (
            <CardDescription>
              <MonitorStatusBadge status={monitor.status} /> Baseline {formatDriftValue(monitor.baseline.value, monitor.unit)}
              {monitor.baseline.n > 0 ? ` over ${monitor.baseline.n.toLocaleString("en-US")} tasks` : ""}, now {formatDriftValue(monitor.current.value, monitor.unit)}
              {monitor.changePointAt ? (
                <>
                  ; changed around <RelativeTime value={monitor.changePointAt} />
                </>
              ) : null}
              .
            </CardDescription>
          ) : null}
        </div>
        <div className="flex flex-col items-end gap-2">
          <RangePicker slug={slug} metric={metric} range={range} />
          {series.data ? <LiveIndicator updatedAt={series.dataUpdatedAt} isError={series.isError} /> : null}
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-2">
        {seriesError ? (
          <ErrorState title="This metric cannot be charted" message={seriesError} retryHref={`/agents/${encodeURIComponent(slug)}/drift`} retryLabel="Show the default metric" />
        ) : series.data ? (
          <>
            {series.isError ? <RefreshFailed error={series.error} /> : null}
            <DriftChart slug={slug} series={series.data} />
          </>
        ) : series.isError ? (
          <ErrorState title="Chart unavailable" message={`${series.error.message}. It is retried every few seconds.`} onRetry={() => void series.refetch()} />
        ) : (
          <div role="status" className="flex h-80 flex-col justify-end gap-2">
            <span className="sr-only">Loading the chart…</span>
            <Skeleton className="h-full w-full" />
          </div>
        )}
      </CardContent>
    </Card>
  );
}
