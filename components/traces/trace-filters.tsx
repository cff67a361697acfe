import { Filter } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { hasTraceFilters, traceListHref, traceRanges, type TraceListParams } from "./trace-list-params";

export type TraceFiltersProps = {
  /** The page the form submits to (GET), e.g. /traces or /agents/claims-agent/traces. */
  action: string;
  params: TraceListParams;
  /** Agents to choose from; omit on a page fixed to one agent. */
  agents?: { slug: string; name: string }[];
  /** Version labels to suggest (an agent's own list); any label may still be typed. */
  versions?: string[];
};

// A plain GET form: works without JavaScript, and the URL it produces is the shareable view.
// Submitting drops the page cursor, so new filters start from the newest trace.
export function TraceFilters({ action, params, agents, versions = [] }: TraceFiltersProps) {
  const fixed: (keyof TraceListParams)[] = agents ? [] : ["agent"];
  return (
    <form method="get" action={action} role="search" aria-label="Filter traces" className="mb-3 flex flex-wrap items-end gap-3">
      {agents ? (
        <FilterField id="trace-filter-agent" label="Agent">
          <Select id="trace-filter-agent" name="agent" defaultValue={params.agent ?? ""} wrapperClassName="w-48">
            <option value="">All agents</option>
            {agents.map((agent) => (
              <option key={agent.slug} value={agent.slug}>
                {agent.name} ({agent.slug})
              </option>
            ))}
          </Select>
        </FilterField>
      ) : null}
      <FilterField id="trace-filter-status" label="Status">
        <Select id="trace-filter-status" name="status" defaultValue={params.status ?? ""} wrapperClassName="w-32">
          <option value="">Any status</option>
          <option value="ok">OK</option>
          <option value="error">Error</option>
          <option value="unset">Unset</option>
        </Select>
      </FilterField>
      <FilterField id="trace-filter-range" label="Time">
        <Select id="trace-filter-range" name="range" defaultValue={params.range ?? ""} wrapperClassName="w-40">
          <option value="">Any time</option>
          {traceRanges.map((range) => (
            <option key={range.value} value={range.value}>
              {range.label}
            </option>
          ))}
        </Select>
      </FilterField>
      <FilterField id="trace-filter-model" label="Model">
        <Input id="trace-filter-model" name="model" defaultValue={params.model ?? ""} placeholder="e.g. gpt-4o" className="w-36" />
      </FilterField>
      <FilterField id="trace-filter-min-cost" label="Min cost (USD)">
        <Input id="trace-filter-min-cost" name="minCost" type="number" min={0} step="any" inputMode="decimal" defaultValue={params.minCost ?? ""} placeholder="0.10" className="w-28" />
      </FilterField>
      <FilterField id="trace-filter-outcome" label="Outcome">
        <Input id="trace-filter-outcome" name="outcome" defaultValue={params.outcome ?? ""} placeholder="e.g. approved" className="w-32" />
      </FilterField>
      <FilterField id="trace-filter-version" label="Version">
        <Input
          id="trace-filter-version"
          name="version"
          defaultValue={params.version ?? ""}
          placeholder="e.g. v3"
          className="w-24"
          list={versions.length ? "trace-filter-version-labels" : undefined}
        />
        {versions.length ? (
          <datalist id="trace-filter-version-labels">
            {versions.map((label) => (
              <option key={label} value={label} />
            ))}
          </datalist>
        ) : null}
      </FilterField>
      <FilterField id="trace-filter-has-error" label="Errors">
        <Select id="trace-filter-has-error" name="hasError" defaultValue={params.hasError ?? ""} wrapperClassName="w-40">
          <option value="">With or without</option>
          <option value="true">Has an error</option>
          <option value="false">No errors</option>
        </Select>
      </FilterField>
      {params.session ? <input type="hidden" name="session" value={params.session} /> : null}
      <Button type="submit">
        <Filter aria-hidden="true" />
        Apply filters
      </Button>
      {hasTraceFilters(params, fixed) ? (
        <Link href={traceListHref(action, {}, undefined)} className={buttonVariants({ variant: "ghost" })}>
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}

function FilterField({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={id}>{label}</Label>
      {children}
    </div>
  );
}
