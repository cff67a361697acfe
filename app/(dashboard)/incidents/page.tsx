import type { Metadata } from "next";
import Link from "next/link";
import { IncidentsList } from "@/components/incidents/incidents-list";
import { loadIncidentFilters } from "@/components/incidents/incident-filter-params";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { definedOnly } from "@/components/ui/url-state";
import { requirePrincipal } from "@/lib/auth/session";
import { listAgents } from "@/lib/agents/list-agents";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { incidentStatuses } from "@/lib/incidents/schemas";
import type { IncidentFilters, IncidentRow } from "@/lib/incidents/queries";

export const metadata: Metadata = { title: "Incidents" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function IncidentsPage({ searchParams }: { searchParams: SearchParams }) {
  const principal = await requirePrincipal();
  const filters: IncidentFilters = definedOnly(await loadIncidentFilters(searchParams));
  // The live query retries from the browser and shows its error state if it still fails.
  const [initialData, agents] = await Promise.all([
    listIncidents(principal, filters).catch((error: unknown): { incidents: IncidentRow[]; nextCursor: string | null } | null => {
      console.error("[control-room] incidents first paint failed", error);
      return null;
    }),
    listAgents(principal).catch(() => []),
  ]);
  const filtered = Boolean(filters.status || filters.agent);
  return (
    <>
      <PageHeader
        title="Incidents"
        description="The work of dealing with a problem: opened from an alert (critical alerts open one by themselves), with its timeline, a one-click rollback, the resolution and a report."
      />
      <form method="get" action="/incidents" aria-label="Filter incidents" className="mb-3 flex flex-wrap items-end gap-3">
        <FilterSelect id="incidents-status" label="Status" name="status" value={filters.status} options={incidentStatuses} all="Any status" />
        <FilterSelect id="incidents-agent" label="Agent" name="agent" value={filters.agent} options={agents.map((agent) => agent.slug)} all="Any agent" />
        <Button type="submit">Apply</Button>
        {filtered ? (
          <Link href="/incidents" className="inline-flex h-8 items-center text-sm text-accent underline-offset-2 hover:underline">
            Clear filters
          </Link>
        ) : null}
      </form>
      <IncidentsList filters={filters} initialData={initialData} initialDataUpdatedAt={Date.now()} />
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
