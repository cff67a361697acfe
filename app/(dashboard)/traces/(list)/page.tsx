import type { Metadata } from "next";
import { LiveTraceList } from "@/components/traces/live-trace-list";
import { TraceFilters } from "@/components/traces/trace-filters";
import { TraceListFailure } from "@/components/traces/trace-list-failure";
import { parseTraceListParams, toApiQuery, traceListHref } from "@/components/traces/trace-list-params";
import { NoTracesYet } from "@/components/traces/traces-empty";
import { PageHeader } from "@/components/ui/page-header";
import { listAgents } from "@/lib/agents/list-agents";
import { requirePrincipal } from "@/lib/auth/session";
import { toAppError } from "@/lib/http/error-response";
import { listTraces, newestTraceId } from "@/lib/traces/list-traces";
import type { TraceListPage } from "@/lib/traces/trace-view";

export const metadata: Metadata = { title: "Traces" };

type TracesPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TracesPage({ searchParams }: TracesPageProps) {
  const principal = await requirePrincipal();
  const { cursor, ...params } = parseTraceListParams(await searchParams);
  const renderedAt = Date.now();
  // The agent choices only help; the list itself still loads (and reports errors) without them.
  const agents = await listAgents(principal).catch(() => []);
  const header = (
    <>
      <PageHeader title="Traces" description="Every run of your teams' agents, newest first. New traces appear as they arrive." />
      <TraceFilters action="/traces" params={params} agents={agents.map((agent) => ({ slug: agent.slug, name: agent.name }))} />
    </>
  );

  let loaded: [TraceListPage, string | null];
  try {
    loaded = await Promise.all([
      listTraces(principal, { ...toApiQuery(params, renderedAt), cursor }),
      cursor ? newestTraceId(principal, toApiQuery(params, renderedAt)) : Promise.resolve(null),
    ]);
  } catch (error) {
    return (
      <>
        {header}
        <TraceListFailure failure={toAppError(error)} clearHref="/traces" retryHref={traceListHref("/traces", params, cursor)} />
      </>
    );
  }
  const [page, headTraceId] = loaded;
  return (
    <>
      {header}
      <LiveTraceList
        key={traceListHref("/traces", params, cursor)}
        params={params}
        cursor={cursor}
        initialPage={page}
        renderedAt={renderedAt}
        headTraceId={headTraceId}
        basePath="/traces"
        emptyState={<NoTracesYet />}
      />
    </>
  );
}
