"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, LineChart, Printer } from "lucide-react";
import Link from "next/link";
import { useEffect, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatDuration } from "@/lib/incidents/timeline";
import { INCIDENT_REFRESH_MS, fetchIncident, incidentQueryKeys, type IncidentDetail as Detail } from "@/lib/incidents/queries";
import { IncidentStatusBadge, SeverityBadge } from "./incident-badges";
import { IncidentTimeline } from "./incident-timeline";
import { ResolveIncidentDialog } from "./resolve-incident-dialog";

export type IncidentDetailProps = {
  initialData: Detail;
  canManage: boolean;
  /** The agent's rollback dialog (server-rendered), when the viewer may roll back and there is a target. */
  rollback: ReactNode;
  /** The drifting metric's chart around the shift (server-rendered), when the alert has a metric. */
  chart?: ReactNode;
  /** "Add failing tasks to a dataset", when the viewer may and the alert names failing tasks. */
  toDataset?: ReactNode;
};

// An incident's header, actions and timeline, kept live (a rollback or a resolution elsewhere shows up).
export function IncidentDetail({ initialData, canManage, rollback, chart, toDataset }: IncidentDetailProps) {
  const queryClient = useQueryClient();
  const key = incidentQueryKeys.detail(initialData.incident.id);
  const query = useQuery({ queryKey: key, queryFn: () => fetchIncident(initialData.incident.id), initialData, refetchInterval: INCIDENT_REFRESH_MS, retry: 1 });
  // A server refresh (after a rollback or a resolution) brings new first-paint data: show it at once.
  useEffect(() => {
    queryClient.setQueryData(incidentQueryKeys.detail(initialData.incident.id), initialData);
  }, [initialData, queryClient]);

  const detail = query.data;
  if (!detail) return <ErrorState title="Incident unavailable" message="It is retried every few seconds." onRetry={() => void query.refetch()} />;
  const { incident, timeline } = detail;
  const reportHref = `/api/v1/incidents/${incident.id}/report`;
  const metric = incident.alert?.metric;

  return (
    <div className="flex flex-col gap-4">
      <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm" data-testid="incident-summary">
        <Item label="Severity">
          <SeverityBadge severity={incident.severity} />
        </Item>
        <Item label="Status">
          <IncidentStatusBadge status={incident.status} />
        </Item>
        <Item label="Agent">
          <Link href={`/agents/${incident.agent.slug}`} className="text-accent underline-offset-2 hover:underline">
            {incident.agent.name}
          </Link>
        </Item>
        <Item label="Opened">
          <span>
            <RelativeTime value={incident.openedAt} /> <span className="text-fg-muted">{incident.openedBy ? `by ${incident.openedBy}` : "automatically by Control Room"}</span>
          </span>
        </Item>
        <Item label="Resolved">
          {incident.resolvedAt ? (
            <span>
              <RelativeTime value={incident.resolvedAt} /> <span className="text-fg-muted">by {incident.resolvedBy}</span>
            </span>
          ) : (
            <span className="text-fg-muted">Not yet</span>
          )}
        </Item>
        <Item label={incident.alert ? "Time from alert to resolution" : "Time to resolution"}>
          <span data-testid="time-to-resolution" className="tabular-nums">
            {incident.timeToResolutionMs === null ? <span className="text-fg-muted">Still open</span> : formatDuration(incident.timeToResolutionMs)}
          </span>
        </Item>
      </dl>

      {incident.summary ? (
        <section aria-labelledby="incident-summary-title" className="rounded-md border border-ok/30 bg-ok-soft px-3 py-2 text-sm text-ok-fg">
          <h2 id="incident-summary-title" className="font-semibold">
            Resolution summary
          </h2>
          <p className="whitespace-pre-line">{incident.summary}</p>
        </section>
      ) : null}

      <div className="flex flex-wrap items-center gap-2" aria-label="Incident actions" role="group">
        {incident.status === "open" ? rollback : null}
        {incident.status === "open" && canManage ? <ResolveIncidentDialog incidentId={incident.id} title={incident.title} hasOpenAlert={Boolean(incident.alert && incident.alert.status !== "resolved")} /> : null}
        {toDataset}
        <Button asChild>
          <a href={reportHref} download>
            <Download aria-hidden="true" />
            Download report
          </a>
        </Button>
        <Button asChild variant="ghost">
          <Link href={`/incidents/${incident.id}/report`}>
            <Printer aria-hidden="true" />
            Printable report
          </Link>
        </Button>
      </div>

      {incident.alert ? (
        <section aria-labelledby="incident-alert-title" className="rounded-lg border border-border bg-surface px-4 py-3 text-sm">
          <h2 id="incident-alert-title" className="text-sm font-semibold text-fg">
            The alert
          </h2>
          <p className="text-fg">
            {incident.alert.title} <span className="text-fg-muted">({incident.alert.kind}, {incident.alert.status}, opened </span>
            <RelativeTime value={incident.alert.openedAt} className="text-fg-muted" />
            <span className="text-fg-muted">)</span>
          </p>
          {metric ? (
            <Link href={`/agents/${incident.agent.slug}/drift?metric=${encodeURIComponent(metric)}`} className="mt-1 inline-flex items-center gap-1 text-accent underline-offset-2 hover:underline">
              <LineChart aria-hidden="true" className="size-4" />
              Chart of {metric} around the change point
            </Link>
          ) : null}
        </section>
      ) : null}

      {chart}

      <section aria-labelledby="incident-timeline-title" className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="incident-timeline-title" className="text-sm font-semibold text-fg">
            Timeline
          </h2>
          <LiveIndicator updatedAt={query.dataUpdatedAt} isError={query.isError} />
        </div>
        {query.isError ? <RefreshFailed error={query.error} /> : null}
        <IncidentTimeline entries={timeline} />
      </section>
    </div>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs font-medium text-fg-muted">{label}</dt>
      <dd className="flex items-center">{children}</dd>
    </div>
  );
}
