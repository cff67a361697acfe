"use client";

import { useQuery } from "@tanstack/react-query";
import { BellOff } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { LoadingRows } from "@/components/ui/loading";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { ALERT_LIST_REFRESH_MS, alertQueryKeys, fetchAlerts, type AlertFilters, type AlertRow } from "@/lib/alerts/queries";
import { AlertActionDialog } from "./alert-action-dialog";
import { AlertStatusBadge, SeverityBadge } from "./alert-badges";
import { AlertIncidentAction } from "./alert-incident-action";

export type AlertsListProps = {
  filters: AlertFilters;
  /** Server-rendered first paint; null when the server could not load it (the client retries). */
  initialData: AlertRow[] | null;
  initialDataUpdatedAt: number;
  canAct: boolean;
  /** Operators and admins open an incident from an alert; everyone may follow one to its page. */
  canOpenIncident?: boolean;
};

function who(alert: AlertRow): string | null {
  if (alert.status === "resolved") return alert.resolvedBy ? `by ${alert.resolvedBy}${alert.resolveNote ? `: ${alert.resolveNote}` : ""}` : null;
  if (alert.status === "acknowledged") return alert.acknowledgedBy ? `by ${alert.acknowledgedBy}${alert.acknowledgeNote ? `: ${alert.acknowledgeNote}` : ""}` : null;
  return null;
}

export function AlertsList({ filters, initialData, initialDataUpdatedAt, canAct, canOpenIncident = false }: AlertsListProps) {
  const query = useQuery({
    queryKey: alertQueryKeys.list(filters),
    queryFn: () => fetchAlerts(filters),
    initialData: initialData ?? undefined,
    initialDataUpdatedAt: initialData ? initialDataUpdatedAt : undefined,
    refetchInterval: ALERT_LIST_REFRESH_MS,
    retry: 1,
  });
  const alerts = query.data;
  if (!alerts) {
    if (query.isError) {
      return <ErrorState title="Alerts unavailable" message={`${query.error.message}. They are retried every few seconds.`} onRetry={() => void query.refetch()} />;
    }
    return <LoadingRows rows={5} columns={6} label="Loading alerts…" />;
  }
  const filtered = Boolean(filters.status || filters.kind || filters.agent);
  const showActions = canAct || canOpenIncident || alerts.some((alert) => alert.incidentId);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <LiveIndicator updatedAt={query.dataUpdatedAt} isError={query.isError} />
        <span className="text-xs text-fg-muted">{alerts.length === 1 ? "1 alert" : `${alerts.length} alerts`}, newest first</span>
      </div>
      {query.isError ? <RefreshFailed error={query.error} /> : null}
      {alerts.length === 0 ? (
        <EmptyState
          icon={<BellOff />}
          title={filtered ? "No alerts match these filters." : "No alerts."}
          description={
            filtered
              ? "Clear the filters to see every alert of your teams."
              : "Budget crossings, drift and evaluation failures of your teams' agents raise alerts here within a few seconds. Admins can also send them to a webhook."
          }
        />
      ) : (
        <Table label="Alerts">
          <THead>
            <TR>
              <TH>Severity</TH>
              <TH>Alert</TH>
              <TH>Agent</TH>
              <TH>Kind</TH>
              <TH>Opened</TH>
              <TH>Status</TH>
              {showActions ? <TH className="text-right">Actions</TH> : null}
            </TR>
          </THead>
          <TBody>
            {alerts.map((alert) => (
              <TR key={alert.id} data-alert-id={alert.id}>
                <TD>
                  <SeverityBadge severity={alert.severity} />
                </TD>
                <TD className="max-w-md">
                  <span className="font-medium text-fg">{alert.title}</span>
                  {alert.metric && alert.metric !== "budget" ? <span className="block text-xs text-fg-muted">{alert.metric}</span> : null}
                  {evidenceLink(alert) ? (
                    <Link href={evidenceLink(alert)!} className="block text-xs text-accent underline-offset-2 hover:underline">
                      {alert.kind === "evaluation" ? "Open the failed run" : "Open the evidence"}
                    </Link>
                  ) : null}
                  {alert.changesNear.length ? (
                    <span className="block text-xs text-fg-muted">Changes near: {alert.changesNear.map((change) => change.label).join(", ")}</span>
                  ) : null}
                </TD>
                <TD>
                  {alert.agent ? (
                    <Link href={`/agents/${alert.agent.slug}`} className="text-accent underline-offset-2 hover:underline">
                      {alert.agent.slug}
                    </Link>
                  ) : (
                    <span className="whitespace-nowrap text-fg-muted">Team-wide</span>
                  )}
                </TD>
                <TD className="capitalize">{alert.kind}</TD>
                <TD>
                  <RelativeTime value={alert.openedAt} />
                </TD>
                <TD>
                  <AlertStatusBadge status={alert.status} />
                  {who(alert) ? <span className="block max-w-56 truncate text-xs text-fg-muted" title={who(alert) ?? undefined}>{who(alert)}</span> : null}
                </TD>
                {showActions ? (
                  <TD className="text-right">
                    <div className="flex justify-end gap-2">
                      <AlertIncidentAction alert={alert} canOpen={canOpenIncident && alert.status !== "resolved"} />
                      {canAct && alert.status === "open" ? <AlertActionDialog alertId={alert.id} title={alert.title} action="acknowledge" /> : null}
                      {canAct && alert.status !== "resolved" ? <AlertActionDialog alertId={alert.id} title={alert.title} action="resolve" /> : null}
                    </div>
                  </TD>
                ) : null}
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}

// An alert whose details name a page of this app (an evaluation alert's run) links to it.
function evidenceLink(alert: { details: unknown }): string | null {
  const link = (alert.details as { link?: unknown } | null)?.link;
  return typeof link === "string" && link.startsWith("/") && !link.startsWith("//") ? link : null;
}
