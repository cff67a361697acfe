"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowUp } from "lucide-react";
import Link from "next/link";
import { useRef, useState, type FocusEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { Pagination } from "@/components/ui/pagination";
import { RefreshFailed } from "@/components/ui/refresh-failed";
import { countNewTraces } from "@/lib/traces/new-traces";
import { fetchTraces, TRACE_LIST_REFRESH_MS, traceQueryKeys } from "@/lib/traces/queries";
import type { TraceListPage } from "@/lib/traces/trace-view";
import { filterRecord, hasTraceFilters, isNewestFirst, sortedBy, toApiQuery, traceListHref, type TraceListParams } from "./trace-list-params";
import { SearchSummary } from "./search-summary";
import { TraceTable } from "./trace-table";
import { NoTracesMatch } from "./traces-empty";

export type LiveTraceListProps = {
  params: TraceListParams;
  cursor?: string;
  /** The server's render of this page. */
  initialPage: TraceListPage;
  renderedAt: number;
  /** On an older page: the newest trace matching the filters when the page was rendered. */
  headTraceId: string | null;
  basePath: string;
  /** Filters fixed by the page (kept out of its links), e.g. the agent on an agent's traces tab. */
  fixed?: (keyof TraceListParams)[];
  hideAgent?: boolean;
  /** Shown when there are no traces at all (no filters, newest page). */
  emptyState: ReactNode;
  /** The table's accessible name (unique on the page). */
  tableLabel?: string;
};

// New traces appear without a reload, but never move rows under the pointer: while the pointer or
// focus is in the table, or it is scrolled, or the user is on an older page, the list holds still
// and offers "N new traces" instead (newest first only: in another order a new trace has no "above").
export function LiveTraceList(props: LiveTraceListProps) {
  const { params, cursor, initialPage, renderedAt, headTraceId, basePath, fixed = [], hideAgent = false, emptyState, tableLabel } = props;
  const isNewest = !cursor;
  const newestFirst = isNewestFirst(params);
  const query = useQuery({
    queryKey: traceQueryKeys.list(filterRecord(params)),
    queryFn: () => fetchTraces(toApiQuery(params, Date.now())),
    initialData: isNewest ? initialPage : undefined,
    initialDataUpdatedAt: isNewest ? renderedAt : undefined,
    refetchInterval: TRACE_LIST_REFRESH_MS,
    retry: 1,
  });
  const [shown, setShown] = useState(initialPage);
  const [pointerInside, setPointerInside] = useState(false);
  const [focusInside, setFocusInside] = useState(false);
  const [scrolled, setScrolled] = useState(false);
  const tableRef = useRef<HTMLDivElement>(null);

  const latest = query.data;
  const hold = pointerInside || focusInside || scrolled;
  // Adopt the latest page during render (React's pattern for state that follows a changing input).
  if (isNewest && !hold && latest && latest !== shown) setShown(latest);

  const anchor = isNewest ? (shown.traces[0]?.traceId ?? null) : headTraceId;
  const pending = newestFirst && latest && (!isNewest || hold) ? countNewTraces(latest.traces, anchor) : null;
  const newCount = pending && pending.count > 0 ? `${pending.count}${pending.atLeast ? "+" : ""}` : null;
  const newestHref = traceListHref(basePath, params, undefined, fixed);

  function showNewTraces() {
    if (!latest) return;
    tableRef.current?.querySelector('[role="region"]')?.scrollTo({ top: 0 });
    setScrolled(false);
    setShown(latest);
  }

  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocusInside(false);
  };

  const filtered = hasTraceFilters(params, fixed);
  const sortHref = (key: Parameters<typeof sortedBy>[1]) => traceListHref(basePath, sortedBy(params, key), undefined, fixed);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex min-h-7 flex-wrap items-center justify-between gap-2">
        <LiveIndicator
          updatedAt={query.dataUpdatedAt || renderedAt}
          isError={query.isError}
          label={isNewest ? "Live" : "Watching for new traces"}
        />
        <div role="status" aria-live="polite">
          {newCount ? (
            isNewest ? (
              <Button size="sm" variant="primary" onClick={showNewTraces} data-testid="new-traces">
                <ArrowUp aria-hidden="true" />
                {newCount} new {newCount === "1" ? "trace" : "traces"} — show
              </Button>
            ) : (
              <Button asChild size="sm" variant="primary">
                <Link href={newestHref} data-testid="new-traces">
                  <ArrowUp aria-hidden="true" />
                  {newCount} new {newCount === "1" ? "trace" : "traces"} — show newest
                </Link>
              </Button>
            )
          ) : null}
        </div>
      </div>
      {query.isError ? <RefreshFailed error={query.error} /> : null}
      {params.q ? <SearchSummary q={params.q} matchedAs={shown.matchedAs} count={shown.traces.length} more={shown.nextCursor !== null} /> : null}
      {shown.traces.length === 0 ? (
        filtered || cursor ? <NoTracesMatch clearHref={traceListHref(basePath, {}, undefined)} /> : emptyState
      ) : (
        <div
          ref={tableRef}
          onPointerEnter={() => setPointerInside(true)}
          onPointerLeave={() => setPointerInside(false)}
          onFocus={() => setFocusInside(true)}
          onBlur={onBlur}
          onScrollCapture={(event) => setScrolled((event.target as HTMLElement).scrollTop > 0)}
        >
          <TraceTable
            traces={shown.traces}
            hideAgent={hideAgent}
            label={tableLabel}
            sort={{ key: params.sort ?? "startTime", order: params.order ?? "desc", href: sortHref }}
          />
        </div>
      )}
      <Pagination
        label="Trace pages"
        newestHref={isNewest ? null : newestHref}
        olderHref={shown.nextCursor ? traceListHref(basePath, params, shown.nextCursor, fixed) : null}
      />
    </div>
  );
}
