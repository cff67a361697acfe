"use client";

import { useQuery } from "@tanstack/react-query";
import { Siren } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { LoadingRows } from "@/components/ui/loading";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatDuration } from "@/lib/incidents/timeline";
import { INCIDENT_REFRESH_MS, fetchIncidents, incidentQueryKeys, type IncidentFilters, type IncidentRow } from "@/lib/incidents/queries";
import { IncidentStatusBadge, SeverityBadge } from "./incident-badges";

export type IncidentsListProps = {
  filters: IncidentFilters;
  /** Server-rendered first paint; null when the server could not load it (the client retries). */
  initialData: { incidents: IncidentRow[]; nextCursor: string | null } | null;
  initialDataUpdatedAt: number;
};

export function IncidentsList({ filters, initialData, initialDataUpdatedAt }: IncidentsListProps) {
  const query = useQuery({
    queryKey: incidentQueryKeys.list(filters),
    queryFn: () => fetchIncidents(filters),
    initialData: initialData ?? undefined,
    initialDataUpdatedAt: initialData ? initialDataUpdatedAt : undefined,
    refetchInterval: INCIDENT_REFRESH_MS,
    retry: 1,
  });
  const incidents = query.data?.incidents;
  if (!incidents) {
    if (query.isError) {
      return <ErrorState title="Incidents unavailable" message={`${query.error.message}. They are retried every few seconds.`} onRetry={() => void query.refetch()} />;
    }
    return <LoadingRows rows={5} columns={6} label="Loading incidents…" />;
  }
  const filtered = Boolean(filters.status || filters.agent);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <LiveIndicator updatedAt={query.dataUpdatedAt} isError={query.isError} />
        <span className="text-xs text-fg-muted">
          {incidents.length === 1 ? "1 incident" : `${incidents.length} incidents`}, newest first{query.data?.nextCursor ? " (the latest 50)" : ""}
        </span>
      </div>
      {query.isError ? <RefreshFailed error={query.error} /> : null}
      {incidents.length === 0 ? (
        <EmptyState
          icon={<Siren />}
          title={filtered ? "No incidents match these filters." : "No incidents."}
          description={
            filtered ? (
              "Clear the filters to see every incident of your teams."
            ) : (
              <>
                Operators open an incident from an alert on the{" "}
                <Link href="/alerts" className="text-accent underline underline-offset-2">
                  Alerts
                </Link>{" "}
                page; critical alerts open one by themselves.
              </>
            )
          }
        />
      ) : (
        <Table label="Incidents">
          <THead>
            <TR>
              <TH>Severity</TH>
              <TH>Incident</TH>
              <TH>Agent</TH>
              <TH>Opened</TH>
              <TH>Status</TH>
              <TH>Time to resolution</TH>
            </TR>
          </THead>
          <TBody>
            {incidents.map((incident) => (
              <TR key={incident.id} data-incident-id={incident.id}>
                <TD>
                  <SeverityBadge severity={incident.severity} />
                </TD>
                <TD className="max-w-md">
                  <Link href={`/incidents/${incident.id}`} className="font-medium text-accent underline-offset-2 hover:underline">
                    {incident.title}
                  </Link>
                  {incident.alert?.metric ? <span className="block text-xs text-fg-muted">{incident.alert.metric}</span> : null}
                </TD>
                <TD>
                  <Link href={`/agents/${incident.agent.slug}`} className="text-accent underline-offset-2 hover:underline">
                    {incident.agent.slug}
                  </Link>
                </TD>
                <TD>
                  <RelativeTime value={incident.openedAt} />
                  <span className="block text-xs text-fg-muted">{incident.openedBy ? `by ${incident.openedBy}` : "automatically"}</span>
                </TD>
                <TD>
                  <IncidentStatusBadge status={incident.status} />
                </TD>
                <TD className="tabular-nums">{incident.timeToResolutionMs === null ? <span className="text-fg-muted">—</span> : formatDuration(incident.timeToResolutionMs)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}
