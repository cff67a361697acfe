"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import { ALERT_LIST_REFRESH_MS, alertQueryKeys, fetchAlerts, type AlertRow } from "@/lib/alerts/queries";
import { AlertStatusBadge, SeverityBadge } from "./alert-badges";
import { AlertIncidentAction } from "./alert-incident-action";

const SHOWN = 5;

// What still needs someone (open or acknowledged alerts: a budget breach, a canary the guard ended, …),
// newest first, live; nothing at all when everything is quiet. On the overview (every agent) and on an
// agent's page (that agent), so an agent denied by its budget never looks merely "Active".
export function OpenAlertsPanel({ agent, canOpenIncident = false }: { agent?: string; canOpenIncident?: boolean }) {
  const open = useQuery({ queryKey: alertQueryKeys.list({ status: "open", agent }), queryFn: () => fetchAlerts({ status: "open", agent }), refetchInterval: ALERT_LIST_REFRESH_MS, retry: 1 });
  const acknowledged = useQuery({
    queryKey: alertQueryKeys.list({ status: "acknowledged", agent }),
    queryFn: () => fetchAlerts({ status: "acknowledged", agent }),
    refetchInterval: ALERT_LIST_REFRESH_MS,
    retry: 1,
  });
  const failed = open.isError || acknowledged.isError;
  const alerts: AlertRow[] = [...(open.data ?? []), ...(acknowledged.data ?? [])].sort((a, b) => Date.parse(String(b.openedAt)) - Date.parse(String(a.openedAt)));
  if (alerts.length === 0) {
    return failed ? <RefreshFailed error={(open.error ?? acknowledged.error)!} onRetry={() => void Promise.all([open.refetch(), acknowledged.refetch()])} /> : null;
  }
  const allHref = agent ? `/alerts?agent=${encodeURIComponent(agent)}` : "/alerts?status=open";
  return (
    <section aria-labelledby="open-alerts-heading" className="rounded-lg border border-danger/30 bg-danger-soft/40 px-4 py-3" data-testid="open-alerts">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="open-alerts-heading" className="text-sm font-semibold">
          {alerts.length === 1 ? "1 alert needs attention" : `${alerts.length} alerts need attention`}
        </h2>
        <Link href={allHref} className="text-sm font-medium text-accent underline-offset-2 hover:underline">
          All alerts
        </Link>
      </div>
      <ul className="mt-2 flex flex-col gap-1.5">
        {alerts.slice(0, SHOWN).map((alert) => (
          <li key={alert.id} className="flex flex-wrap items-center gap-2 text-sm">
            <SeverityBadge severity={alert.severity} />
            <AlertStatusBadge status={alert.status} />
            <Link href={`/alerts?agent=${encodeURIComponent(alert.agent?.slug ?? "")}`} className="font-medium underline-offset-2 hover:underline">
              {alert.title}
            </Link>
            {!agent && alert.agent ? <span className="font-mono text-xs text-fg-muted">{alert.agent.slug}</span> : null}
            <RelativeTime value={alert.openedAt} className="text-xs text-fg-muted" />
            <AlertIncidentAction alert={alert} canOpen={canOpenIncident} />
          </li>
        ))}
      </ul>
    </section>
  );
}
