import type { Principal } from "@/lib/auth/principal";
import { toAppError } from "@/lib/http/error-response";
import { listTraces, newestTraceId } from "@/lib/traces/list-traces";
import type { TraceListPage } from "@/lib/traces/trace-view";
import { LiveTraceList, type LiveTraceListProps } from "./live-trace-list";
import { TraceListFailure } from "./trace-list-failure";
import { toApiQuery, traceListHref, type TraceListParams } from "./trace-list-params";

export type TraceListResultsProps = Omit<LiveTraceListProps, "initialPage" | "renderedAt" | "headTraceId"> & {
  principal: Principal;
  /** Where "Clear filters" leads. */
  clearHref: string;
};

// The list's data and its failure state: rendered inside a Suspense boundary keyed by the URL, so a new
// search or filter shows the loading rows while the server works, instead of the old rows.
export async function TraceListResults({ principal, clearHref, params, cursor, basePath, fixed = [], ...rest }: TraceListResultsProps) {
  const renderedAt = Date.now();
  let loaded: [TraceListPage, string | null];
  try {
    loaded = await Promise.all([
      listTraces(principal, { ...toApiQuery(params, renderedAt), cursor }),
      cursor ? newestTraceId(principal, toApiQuery(params, renderedAt)) : Promise.resolve(null),
    ]);
  } catch (error) {
    return <TraceListFailure failure={toAppError(error)} clearHref={clearHref} retryHref={traceListHref(basePath, params as TraceListParams, cursor, fixed)} />;
  }
  const [page, headTraceId] = loaded;
  return (
    <LiveTraceList
      {...rest}
      params={params}
      cursor={cursor}
      basePath={basePath}
      fixed={fixed}
      initialPage={page}
      renderedAt={renderedAt}
      headTraceId={headTraceId}
    />
  );
}
