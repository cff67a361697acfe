import type { Metadata } from "next";
import Link from "next/link";
import { AlertsList } from "@/components/alerts/alerts-list";
import { loadAlertFilters } from "@/components/alerts/alert-filter-params";
import { rolesWith } from "@/components/auth/who-may";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { roleCan } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { listAlerts } from "@/lib/alerts/list-alerts";
import { alertKinds, alertStatuses } from "@/lib/alerts/schemas";
import { definedOnly } from "@/components/ui/url-state";
import type { AlertFilters, AlertRow } from "@/lib/alerts/queries";
import { listAgents } from "@/lib/agents/list-agents";

export const metadata: Metadata = { title: "Alerts" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AlertsPage({ searchParams }: { searchParams: SearchParams }) {
  const principal = await requirePrincipal();
  const filters: AlertFilters = definedOnly(await loadAlertFilters(searchParams));
  // The live query retries from the browser and shows its error state if it still fails.
  const [initialData, agents] = await Promise.all([
    listAlerts(principal, filters).catch((error: unknown): AlertRow[] | null => {
      console.error("[control-room] alerts first paint failed", error);
      return null;
    }),
    listAgents(principal).catch(() => []),
  ]);
  const canAct = roleCan(principal.role, "alerts:acknowledge");
  const filtered = Boolean(filters.status || filters.kind || filters.agent);
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Budget crossings, drift and evaluation failures of your teams' agents. An alert stays one alert while it is open or acknowledged; resolving it closes it, and a new one is raised if the problem returns."
      />
      {canAct ? null : <p className="mb-3 rounded-md border border-info/30 bg-info-soft px-3 py-2 text-sm text-info-fg">Only {rolesWith("alerts:acknowledge")} acknowledge and resolve alerts.</p>}
      <form method="get" action="/alerts" aria-label="Filter alerts" className="mb-3 flex flex-wrap items-end gap-3">
        <FilterSelect id="alerts-status" label="Status" name="status" value={filters.status} options={alertStatuses} all="Any status" />
        <FilterSelect id="alerts-kind" label="Kind" name="kind" value={filters.kind} options={alertKinds} all="Any kind" />
        <FilterSelect id="alerts-agent" label="Agent" name="agent" value={filters.agent} options={agents.map((agent) => agent.slug)} all="Any agent" />
        <Button type="submit">Apply</Button>
        {filtered ? (
          <Link href="/alerts" className="inline-flex h-8 items-center text-sm text-accent underline-offset-2 hover:underline">
            Clear filters
          </Link>
        ) : null}
      </form>
      <AlertsList filters={filters} initialData={initialData} initialDataUpdatedAt={Date.now()} canAct={canAct} canOpenIncident={roleCan(principal.role, "incidents:open")} />
    </>
  );
}

function FilterSelect({ id, label, name, value, options, all }: { id: string; label: string; name: string; value?: string; options: readonly string[]; all: string }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-fg">
        {label}
      </label>
      <Select id={id} name={name} defaultValue={value ?? ""} wrapperClassName="w-44">
        <option value="">{all}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option.charAt(0).toUpperCase() + option.slice(1)}
          </option>
        ))}
      </Select>
    </div>
  );
}
