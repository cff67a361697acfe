import type { Metadata } from "next";
import { ShieldCheck } from "lucide-react";
import Link from "next/link";
import { createLoader, createSerializer } from "nuqs/server";
import type { ReactNode } from "react";
import { FilterField } from "@/components/ui/filter-field";
import { DecisionsTable } from "@/components/guard/decisions-table";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Select } from "@/components/ui/select";
import { definedOnly, parseAsText } from "@/components/ui/url-state";
import { listAgents } from "@/lib/agents/list-agents";
import { requirePrincipal } from "@/lib/auth/session";
import { listDecisions } from "@/lib/guard/list-decisions";
import { guardReasonCodes, listDecisionsQuerySchema } from "@/lib/guard/schemas";
import { toAppError } from "@/lib/http/error-response";

export const metadata: Metadata = { title: "Guard decisions" };

const verdicts = [
  { value: "blocked", label: "Blocked (denied or held)" },
  { value: "deny", label: "Denied" },
  { value: "hold", label: "Held for a reviewer" },
  { value: "allow", label: "Allowed" },
];
// URL state (nuqs): the filters as text, checked by listDecisionsQuerySchema.
const filterParsers = { agent: parseAsText(64), verdict: parseAsText(), reason: parseAsText(), since: parseAsText(), until: parseAsText() };
const pageParsers = { ...filterParsers, cursor: parseAsText() };
const loadPage = createLoader(pageParsers);
const serializePage = createSerializer(pageParsers);
const filterNames = Object.keys(filterParsers) as (keyof typeof filterParsers)[];
type Filters = Partial<Record<(typeof filterNames)[number], string>>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const hrefWith = (filters: Filters, cursor?: string) => serializePage("/decisions", { ...filters, cursor: cursor ?? null });
// A datetime-local field sends "2026-12-06T07:45" with no zone: the form says UTC, so it is UTC.
const asUtc = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00Z` : value);
const inputValue = (value: string | undefined) => {
  const date = value ? new Date(asUtc(value)!) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 16) : undefined;
};

function Header({ filters }: { filters?: ReactNode }) {
  return (
    <PageHeader
      title="Guard decisions"
      description="Every answer the guard gave an agent, newest first: what it asked, the verdict, why, and the trace it gated."
    >
      {filters}
    </PageHeader>
  );
}

export default async function DecisionsPage({ searchParams }: { searchParams: SearchParams }) {
  const principal = await requirePrincipal();
  const { cursor, ...filters }: Filters & { cursor?: string } = definedOnly(await loadPage(searchParams));
  const parsed = listDecisionsQuerySchema.safeParse({ ...filters, since: asUtc(filters.since), until: asUtc(filters.until), cursor });
  if (!parsed.success) {
    return (
      <>
        <Header />
        <ErrorState
          title="These filters are not valid"
          message="Use a verdict and reason from the lists and times as YYYY-MM-DDTHH:MM (UTC)."
          retryHref="/decisions"
          retryLabel="Clear filters"
        />
      </>
    );
  }

  let page;
  let agents: string[] = [];
  try {
    [page, agents] = await Promise.all([listDecisions(principal, parsed.data), listAgents(principal).then((list) => list.map((agent) => agent.slug))]);
  } catch (error) {
    const failure = toAppError(error);
    return (
      <>
        <Header filters={<DecisionFilters filters={filters} agents={agents} filtered />} />
        <ErrorState title="The guard decisions could not be loaded" message={failure.message} retryHref="/decisions" retryLabel="Clear filters" />
      </>
    );
  }

  const filtered = filterNames.some((name) => filters[name]);
  return (
    <>
      <Header filters={<DecisionFilters filters={filters} agents={agents} filtered={filtered} />} />
      {page.decisions.length === 0 ? (
        <EmptyState
          icon={<ShieldCheck />}
          title={filtered || cursor ? "No guard decisions match" : "No guard decisions yet"}
          description={
            filtered || cursor
              ? "Widen the time range or loosen the filters, or clear them to see the newest decisions."
              : "Agents ask POST /api/v1/guard before acting; each answer is listed here."
          }
        />
      ) : (
        <DecisionsTable decisions={page.decisions} />
      )}
      <Pagination label="Guard decision pages" newestHref={cursor ? hrefWith(filters) : null} olderHref={page.nextCursor ? hrefWith(filters, page.nextCursor) : null} />
    </>
  );
}

function DecisionFilters({ filters, agents, filtered }: { filters: Filters; agents: string[]; filtered: boolean }) {
  const agentOptions = [...new Set([...agents, ...(filters.agent ? [filters.agent] : [])])];
  return (
    <form method="get" action="/decisions" aria-label="Filter the guard decisions" className="flex flex-wrap items-end gap-3">
      <FilterField id="decisions-agent" label="Agent">
        <Select id="decisions-agent" name="agent" defaultValue={filters.agent ?? ""} wrapperClassName="w-48">
          <option value="">Every agent</option>
          {agentOptions.map((slug) => (
            <option key={slug} value={slug}>
              {slug}
            </option>
          ))}
        </Select>
      </FilterField>
      <FilterField id="decisions-verdict" label="Verdict">
        <Select id="decisions-verdict" name="verdict" defaultValue={filters.verdict ?? ""} wrapperClassName="w-52">
          <option value="">Any verdict</option>
          {verdicts.map((verdict) => (
            <option key={verdict.value} value={verdict.value}>
              {verdict.label}
            </option>
          ))}
        </Select>
      </FilterField>
      <FilterField id="decisions-reason" label="Reason code">
        <Select id="decisions-reason" name="reason" defaultValue={filters.reason ?? ""} wrapperClassName="w-48">
          <option value="">Any reason</option>
          {guardReasonCodes.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </Select>
      </FilterField>
      <FilterField id="decisions-since" label="From (UTC)">
        <Input id="decisions-since" name="since" type="datetime-local" defaultValue={inputValue(filters.since)} className="w-48" />
      </FilterField>
      <FilterField id="decisions-until" label="Until (UTC)">
        <Input id="decisions-until" name="until" type="datetime-local" defaultValue={inputValue(filters.until)} className="w-48" />
      </FilterField>
      <Button type="submit">Apply filters</Button>
      {filtered ? (
        <Link href="/decisions" className="inline-flex h-8 items-center text-sm text-accent underline-offset-2 hover:underline">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}

