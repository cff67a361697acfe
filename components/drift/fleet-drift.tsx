"use client";

import { useQuery } from "@tanstack/react-query";
import { Activity } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { LoadingRows } from "@/components/ui/loading";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatDriftValue } from "@/lib/drift/format";
import { DRIFT_REFRESH_MS, driftChartHref, driftQueryKeys, fetchDriftMonitors, type DriftMonitorRow } from "@/lib/drift/queries";
import { defaultDriftMetric } from "@/lib/drift/select-metric";
import { baselineProgress, collectionOf, MonitorStatusBadge } from "./monitor-status";

export type FleetDriftProps = {
  initialData: DriftMonitorRow[] | null;
  initialDataUpdatedAt: number;
  /** The visible agents, to name those not monitored yet (never deployed to production). */
  agents: { slug: string; name: string }[];
};

type AgentGroup = { slug: string; name: string; monitors: DriftMonitorRow[] };

const rank = (group: AgentGroup) =>
  group.monitors.some((monitor) => monitor.status === "drifting") ? 0 : group.monitors.some((monitor) => monitor.status === "collecting_baseline") ? 1 : 2;

// /drift: every visible agent's monitors against its baseline (live), drifting agents first, each
// drifting metric named with its baseline and current values and linked to its chart.
export function FleetDrift({ initialData, initialDataUpdatedAt, agents }: FleetDriftProps) {
  const query = useQuery({
    queryKey: driftQueryKeys.monitors(),
    queryFn: () => fetchDriftMonitors(),
    initialData: initialData ?? undefined,
    initialDataUpdatedAt: initialData ? initialDataUpdatedAt : undefined,
    refetchInterval: DRIFT_REFRESH_MS,
    retry: 1,
  });
  const monitors = query.data;
  if (!monitors) {
    if (query.isError) return <ErrorState title="Drift monitors unavailable" message={`${query.error.message}. They are retried every few seconds.`} onRetry={() => void query.refetch()} />;
    return <LoadingRows rows={4} columns={4} label="Loading drift monitors…" />;
  }
  const groups = new Map<string, AgentGroup>();
  for (const monitor of monitors) {
    const group = groups.get(monitor.agent.slug) ?? { slug: monitor.agent.slug, name: monitor.agent.name, monitors: [] };
    group.monitors.push(monitor);
    groups.set(monitor.agent.slug, group);
  }
  const ordered = [...groups.values()].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  const unmonitored = agents.filter((agent) => !groups.has(agent.slug));
  const driftingAgents = ordered.filter((group) => rank(group) === 0).length;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <LiveIndicator updatedAt={query.dataUpdatedAt} isError={query.isError} />
        {ordered.length > 0 ? (
          <span className="text-xs text-fg-muted">
            {ordered.length === 1 ? "1 agent monitored" : `${ordered.length} agents monitored`}, {driftingAgents === 0 ? "none drifting" : `${driftingAgents} drifting`}
          </span>
        ) : null}
      </div>
      {query.isError ? <RefreshFailed error={query.error} /> : null}
      {ordered.length === 0 ? (
        <EmptyState
          icon={<Activity />}
          title="No agent in production yet"
          description="Drift monitoring starts at an agent's first production deploy: its first production tasks (1,000, or 7 days) become the baseline, and each metric is then watched against it as tasks arrive."
        />
      ) : (
        <ul className="grid gap-3 lg:grid-cols-2" aria-label="Agents' drift">
          {ordered.map((group) => (
            <AgentDriftCard key={group.slug} group={group} />
          ))}
        </ul>
      )}
      {unmonitored.length > 0 ? (
        <p className="text-xs text-fg-muted">
          Not monitored yet (no production deploy):{" "}
          {unmonitored.map((agent, index) => (
            <span key={agent.slug}>
              {index > 0 ? ", " : null}
              <Link href={`/agents/${encodeURIComponent(agent.slug)}/drift`} className="text-accent underline-offset-2 hover:underline">
                {agent.name}
              </Link>
            </span>
          ))}
          .
        </p>
      ) : null}
    </div>
  );
}

function AgentDriftCard({ group }: { group: AgentGroup }) {
  const drifting = group.monitors.filter((monitor) => monitor.status === "drifting");
  const healthy = group.monitors.filter((monitor) => monitor.status === "healthy").length;
  const collecting = collectionOf(group.monitors);
  const chartMetric = defaultDriftMetric(group.monitors);
  const headingId = `drift-agent-${group.slug}`;
  return (
    <li
      aria-labelledby={headingId}
      className={`flex flex-col gap-2 rounded-lg border bg-surface px-4 py-3 ${drifting.length > 0 ? "border-danger/40" : "border-border"}`}
      data-testid="drift-agent"
      data-agent={group.slug}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-sm font-semibold">
          <Link href={chartMetric ? driftChartHref(group.slug, chartMetric) : `/agents/${encodeURIComponent(group.slug)}/drift`} className="underline-offset-2 hover:underline">
            {group.name}
          </Link>
          <span className="ml-2 font-mono text-xs font-normal text-fg-muted">{group.slug}</span>
        </h2>
        <p className="flex flex-wrap items-center gap-2 text-xs text-fg-muted">
          {collecting ? (
            <>
              <MonitorStatusBadge status="collecting_baseline" />
              <span className="tabular-nums">{baselineProgress(collecting)}</span>
            </>
          ) : (
            <>
              <span className={drifting.length > 0 ? "font-semibold text-danger-fg" : undefined}>{drifting.length} drifting</span>
              <span aria-hidden="true">·</span>
              <span>{healthy} healthy</span>
            </>
          )}
        </p>
      </div>
      {drifting.length > 0 ? (
        <ul className="flex flex-col gap-1" aria-label={`Drifting metrics of ${group.name}`}>
          {drifting.map((monitor) => (
            <li key={monitor.metric} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
              <MonitorStatusBadge status="drifting" />
              <Link href={driftChartHref(group.slug, monitor.metric)} className="font-medium text-accent underline-offset-2 hover:underline">
                {monitor.label}
              </Link>
              <span className="tabular-nums">
                {formatDriftValue(monitor.baseline.value, monitor.unit)} → {formatDriftValue(monitor.current.value, monitor.unit)}
              </span>
              {monitor.changePointAt ? (
                <span className="text-xs text-fg-muted">
                  changed <RelativeTime value={monitor.changePointAt} />
                </span>
              ) : null}
              {monitor.alertId ? (
                <Link href={`/alerts?agent=${encodeURIComponent(group.slug)}`} aria-label={`Alert for ${monitor.label}`} className="text-xs text-accent underline-offset-2 hover:underline">
                  Alert
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      ) : collecting ? (
        <p className="text-sm text-fg-muted">The baseline is being collected from its first production tasks; nothing is compared yet.</p>
      ) : (
        <p className="text-sm text-fg-muted">
          All {healthy} metrics within their baseline{group.monitors[0]?.baseline.version ? ` (${group.monitors[0].baseline.version})` : ""}.
        </p>
      )}
    </li>
  );
}
