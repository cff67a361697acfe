import { Filter, Search } from "lucide-react";
import Form from "next/form";
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

// A GET form (next/form: a client-side navigation with the list's loading rows, and a plain form
// without JavaScript): the URL it produces is the shareable view, and each search is a history entry.
// Submitting drops the page cursor, so new filters start from the first page; the sort order stays.
export function TraceFilters({ action, params, agents, versions = [] }: TraceFiltersProps) {
  const fixed: (keyof TraceListParams)[] = agents ? [] : ["agent"];
  return (
    <Form action={action} role="search" aria-label="Search and filter traces" className="mb-3 flex flex-wrap items-end gap-3">
      <div className="flex w-full flex-col gap-1">
        <Label htmlFor="trace-search">Search</Label>
        <div className="flex flex-wrap gap-2">
          <Input
            id="trace-search"
            name="q"
            type="search"
            defaultValue={params.q ?? ""}
            placeholder="Trace id, session id, or text in span inputs and outputs"
            aria-describedby="trace-search-help"
            className="min-w-64 flex-1"
            maxLength={200}
          />
          <Button type="submit" variant="primary">
            <Search aria-hidden="true" />
            Search
          </Button>
        </div>
        <p id="trace-search-help" className="text-xs text-fg-muted">
          A trace id opens the trace; a session id lists its traces; any other text (3 characters or more) finds traces whose spans&apos; input or output contains it.
        </p>
      </div>
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
      <FilterField id="trace-filter-from" label="From (UTC)">
        <Input id="trace-filter-from" name="from" type="datetime-local" defaultValue={params.from?.replace(/Z$/, "") ?? ""} className="w-52" title="A custom range wins over the Time choice" />
      </FilterField>
      <FilterField id="trace-filter-to" label="To (UTC)">
        <Input id="trace-filter-to" name="to" type="datetime-local" defaultValue={params.to?.replace(/Z$/, "") ?? ""} className="w-52" title="A custom range wins over the Time choice" />
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
      {params.sort ? <input type="hidden" name="sort" value={params.sort} /> : null}
      {params.order ? <input type="hidden" name="order" value={params.order} /> : null}
      <Button type="submit">
        <Filter aria-hidden="true" />
        Apply filters
      </Button>
      {hasTraceFilters(params, fixed) ? (
        <Link href={traceListHref(action, {}, undefined)} className={buttonVariants({ variant: "ghost" })}>
          Clear filters
        </Link>
      ) : null}
    </Form>
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
