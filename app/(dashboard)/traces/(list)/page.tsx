import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { TraceFilters } from "@/components/traces/trace-filters";
import { parseTraceListParams, traceHref, traceListHref } from "@/components/traces/trace-list-params";
import { TraceListResults } from "@/components/traces/trace-list-results";
import { NoTracesYet } from "@/components/traces/traces-empty";
import { LoadingRows } from "@/components/ui/loading";
import { PageHeader } from "@/components/ui/page-header";
import { listAgents } from "@/lib/agents/list-agents";
import { requirePrincipal } from "@/lib/auth/session";
import { exactTraceMatch } from "@/lib/traces/trace-search";

export const metadata: Metadata = { title: "Traces" };

type TracesPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TracesPage({ searchParams }: TracesPageProps) {
  const principal = await requirePrincipal();
  const { cursor, ...params } = parseTraceListParams(await searchParams);
  // A pasted trace id opens the trace (a redirect: the back button returns to the list as it was).
  const exact = params.q && !cursor ? await exactTraceMatch(principal, params.q) : null;
  if (exact) redirect(traceHref(exact));
  // The agent choices only help; the list itself still loads (and reports errors) without them.
  const agents = await listAgents(principal).catch(() => []);
  return (
    <>
      <PageHeader title="Traces" description="Every run of your teams' agents, newest first. New traces appear as they arrive." />
      <TraceFilters action="/traces" params={params} agents={agents.map((agent) => ({ slug: agent.slug, name: agent.name }))} />
      <Suspense key={traceListHref("/traces", params, cursor)} fallback={<LoadingRows rows={10} columns={8} label="Loading traces…" />}>
        <TraceListResults
          principal={principal}
          clearHref="/traces"
          key={traceListHref("/traces", params, cursor)}
          params={params}
          cursor={cursor}
          basePath="/traces"
          emptyState={<NoTracesYet />}
        />
      </Suspense>
    </>
  );
}
