import type { Metadata } from "next";
import { ScrollText } from "lucide-react";
import Link from "next/link";
import { createLoader, createSerializer } from "nuqs/server";
import type { ReactNode } from "react";
import { FilterField } from "@/components/ui/filter-field";
import { listAudit } from "@/lib/audit/list-audit";
import { auditQuerySchema } from "@/lib/audit/schemas";
import { requirePrincipal } from "@/lib/auth/session";
import { toAppError } from "@/lib/http/error-response";
import { AuditTable } from "@/components/audit/audit-table";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Select } from "@/components/ui/select";
import { definedOnly, parseAsText } from "@/components/ui/url-state";

export const metadata: Metadata = { title: "Audit log" };

const pageSize = 50;
const targetTypes = [
  { value: "agent", label: "Agent" },
  { value: "user", label: "User" },
  { value: "team", label: "Team" },
  { value: "api_key", label: "API key" },
];
// The log's URL state (nuqs): filters as trimmed text, checked below (dates) and by auditQuerySchema.
const filterParsers = { action: parseAsText(), actor: parseAsText(), targetType: parseAsText(), since: parseAsText(), until: parseAsText() };
const pageParsers = { ...filterParsers, cursor: parseAsText() };
const loadPage = createLoader(pageParsers);
const serializePage = createSerializer(pageParsers);
const filterNames = Object.keys(filterParsers) as (keyof typeof filterParsers)[];
type Filters = Partial<Record<(typeof filterNames)[number], string>>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const isDay = (value: string | undefined) => value === undefined || /^\d{4}-\d{2}-\d{2}$/.test(value);
const hrefWith = (filters: Filters, cursor?: string) => serializePage("/audit", { ...filters, cursor: cursor ?? null });

function Header({ filters }: { filters?: ReactNode }) {
  return (
    <PageHeader title="Audit log" description="Who changed what, when: people, agents and the system.">
      <p className="text-sm text-fg-muted">
        Entries are hash-chained; run <code className="rounded bg-surface-muted px-1 font-mono text-xs text-fg">npm run audit:verify</code> to check
        the chain.
      </p>
      {filters}
    </PageHeader>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const principal = await requirePrincipal();
  const { cursor, ...filters }: Filters & { cursor?: string } = definedOnly(await loadPage(searchParams));

  // Dates are whole UTC days; "until" includes its day.
  const parsed = auditQuerySchema.safeParse({
    action: filters.action,
    actor: filters.actor,
    targetType: filters.targetType,
    since: filters.since ? `${filters.since}T00:00:00.000Z` : undefined,
    until: filters.until ? `${filters.until}T23:59:59.999Z` : undefined,
    cursor,
    limit: pageSize,
  });
  if (!isDay(filters.since) || !isDay(filters.until) || !parsed.success) {
    return (
      <>
        <Header />
        <ErrorState
          title="These filters are not valid"
          message="Dates must be YYYY-MM-DD and the page cursor a number."
          retryHref="/audit"
          retryLabel="Clear filters"
        />
      </>
    );
  }

  let page;
  try {
    page = await listAudit(principal, parsed.data);
  } catch (error) {
    const failure = toAppError(error);
    return (
      <>
        <Header />
        <ErrorState title="The audit log could not be loaded" message={failure.message} retryHref={hrefWith(filters, cursor)} />
      </>
    );
  }

  const filtered = filterNames.some((name) => filters[name]);
  return (
    <>
      <Header filters={<AuditFilters filters={filters} filtered={filtered} />} />
      {page.entries.length === 0 ? (
        <EmptyState
          icon={<ScrollText />}
          title={filtered || cursor ? "No audit entries match" : "No audit entries yet"}
          description={
            filtered || cursor
              ? "Widen the dates or loosen the filters, or clear them to see the newest entries."
              : "Every change made by people, agents and the system is recorded here as it happens."
          }
        />
      ) : (
        <AuditTable entries={page.entries} />
      )}
      <Pagination
        label="Audit log pages"
        newestHref={cursor ? hrefWith(filters) : null}
        olderHref={page.nextCursor ? hrefWith(filters, page.nextCursor) : null}
      />
    </>
  );
}

function AuditFilters({ filters, filtered }: { filters: Filters; filtered: boolean }) {
  return (
    <form method="get" action="/audit" aria-label="Filter the audit log" className="flex flex-wrap items-end gap-3">
      <FilterField id="audit-action" label="Action contains">
        <Input id="audit-action" name="action" defaultValue={filters.action} placeholder="e.g. key.revoke" className="w-40" />
      </FilterField>
      <FilterField id="audit-actor" label="Actor contains">
        <Input id="audit-actor" name="actor" defaultValue={filters.actor} placeholder="email or agent" className="w-44" />
      </FilterField>
      <FilterField id="audit-target-type" label="Target type">
        <Select id="audit-target-type" name="targetType" defaultValue={filters.targetType ?? ""} wrapperClassName="w-36">
          <option value="">Any</option>
          {targetTypes.map((type) => (
            <option key={type.value} value={type.value}>
              {type.label}
            </option>
          ))}
        </Select>
      </FilterField>
      <FilterField id="audit-since" label="From (UTC day)">
        <Input id="audit-since" name="since" type="date" defaultValue={filters.since} className="w-40" />
      </FilterField>
      <FilterField id="audit-until" label="Until (UTC day, inclusive)">
        <Input id="audit-until" name="until" type="date" defaultValue={filters.until} className="w-40" />
      </FilterField>
      <Button type="submit">Apply filters</Button>
      {filtered ? (
        <Link href="/audit" className="inline-flex h-8 items-center text-sm text-accent underline-offset-2 hover:underline">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}

