"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge, type Tone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { CANARY_REFRESH_MS, fetchCanaryComparison, versionQueryKeys, type CanaryComparison } from "@/lib/versions/queries";
import { formatDifference, formatValue, metricName } from "./metric-format";

const verdictTone: Record<string, Tone> = { worse: "danger", ok: "ok", pass: "ok", collecting: "info", shown: "muted" };
const verdictText: Record<string, string> = { worse: "Worse", ok: "Not worse", pass: "Passing", collecting: "Collecting", shown: "Shown only" };

type Props = { slug: string; initialData: CanaryComparison | null; initialDataUpdatedAt: number };

// The running canary against production, metric by metric, kept live: the same numbers the guarded
// canary judges every 15 s.
export function CanaryComparisonView({ slug, initialData, initialDataUpdatedAt }: Props) {
  const query = useQuery({
    queryKey: versionQueryKeys.canary(slug),
    queryFn: () => fetchCanaryComparison(slug),
    initialData: initialData ?? undefined,
    initialDataUpdatedAt: initialData ? initialDataUpdatedAt : undefined,
    refetchInterval: CANARY_REFRESH_MS,
    retry: 1,
  });
  const data = query.data;
  if (!data) {
    if (query.isError) return <ErrorState title="The comparison could not be loaded" message={(query.error as Error).message} />;
    return <p className="text-sm text-fg-muted">Loading the comparison…</p>;
  }
  if (!data.canary || !data.production) {
    return (
      <EmptyState
        title="No canary is running"
        description={
          <>
            A canary serves a new version to a share of sessions beside production. Start one from a staged version on the{" "}
            <Link className="underline" href={`/agents/${slug}/versions`}>
              Versions
            </Link>{" "}
            tab; its comparison with production appears here.
          </>
        }
      />
    );
  }
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span>
          Canary <Link className="font-mono underline" href={`/agents/${slug}/versions/${data.canary.label}`}>{data.canary.label}</Link> on {data.canary.percent}% of new
          sessions against production <Link className="font-mono underline" href={`/agents/${slug}/versions/${data.production.label}`}>{data.production.label}</Link>, since{" "}
          <RelativeTime value={data.canary.since} />.
        </span>
        {data.verdict ? <Badge tone={verdictTone[data.verdict]} dot>{verdictText[data.verdict]}</Badge> : null}
        <LiveIndicator updatedAt={query.dataUpdatedAt} isError={query.isError} />
        {query.isError ? <RefreshFailed error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      </div>
      <p className="text-sm text-fg-muted">
        {data.settings.enabled
          ? `The guarded canary ends it by itself when a judged metric is worse beyond its threshold with enough evidence (at least ${data.settings.minSamplePerSide} on each side; rates by more than ${Number((data.settings.rateMargin * 100).toFixed(2))} point${data.settings.rateMargin === 0.01 ? "" : "s"}, cost and latency by more than ${data.settings.valueTolerance * 100}% of production's median).`
          : "The guarded canary is off for this agent: nothing ends this canary by itself."}
      </p>
      <Table>
        <THead>
          <TR>
            <TH>Metric</TH>
            <TH className="text-right">{data.canary.label} (canary)</TH>
            <TH className="text-right">{data.production.label} (production)</TH>
            <TH className="text-right">Difference</TH>
            <TH>Interval</TH>
            <TH className="text-right">Tasks or decisions</TH>
            <TH>Verdict</TH>
          </TR>
        </THead>
        <TBody>
          {data.metrics.map((metric) => (
            <TR key={metric.metric} title={metric.explanation}>
              <TD>
                {metricName(metric.metric)}
                {metric.guarded ? null : <span className="ml-1 text-xs text-fg-muted">(not judged)</span>}
              </TD>
              <TD className="text-right tabular-nums">{formatValue(metric.metric, metric.canaryValue)}</TD>
              <TD className="text-right tabular-nums">{formatValue(metric.metric, metric.productionValue)}</TD>
              <TD className="text-right tabular-nums">{formatDifference(metric.metric, metric.difference)}</TD>
              <TD className="tabular-nums">
                {metric.lower === null || metric.upper === null ? "—" : `${formatDifference(metric.metric, metric.lower)} to ${formatDifference(metric.metric, metric.upper)}`}
                <span className="block text-xs text-fg-muted">{metric.interval}</span>
              </TD>
              <TD className="text-right tabular-nums">
                {metric.n.canary.toLocaleString("en-US")} / {metric.n.production.toLocaleString("en-US")}
              </TD>
              <TD>
                <Badge tone={verdictTone[metric.verdict]} dot>
                  {verdictText[metric.verdict]}
                </Badge>
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
      <p className="text-xs text-fg-muted">
        Differences are canary − production; medians for cost, latency and steps. Hover a row for the full explanation. Rates use always-valid intervals, which stay honest
        however often this page is looked at; outcome rates use a one-look 95% interval and are for a person to weigh.
      </p>
    </div>
  );
}
