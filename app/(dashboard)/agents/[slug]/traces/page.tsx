import { Activity } from "lucide-react";
import { Suspense, type ReactNode } from "react";
import { OtlpEndpoint } from "@/components/traces/otlp-endpoint";
import { TraceFilters } from "@/components/traces/trace-filters";
import { parseTraceListParams, traceListHref } from "@/components/traces/trace-list-params";
import { TraceListResults } from "@/components/traces/trace-list-results";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePrincipal } from "@/lib/auth/session";
import { LoadingRows } from "@/components/ui/loading";
import { listVersionLabels } from "@/lib/traces/version-labels";

export const metadata = { title: "Traces" };

type AgentTracesPageProps = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// The agent's own traces: the trace list with the agent filter fixed.
export default async function AgentTracesPage({ params, searchParams }: AgentTracesPageProps) {
  const principal = await requirePrincipal();
  const { slug } = await params;
  const { cursor, ...parsed } = parseTraceListParams(await searchParams);
  const filters = { ...parsed, agent: slug };
  const basePath = `/agents/${encodeURIComponent(slug)}/traces`;

  // The version suggestions only help; the list itself still loads (and reports errors) without them.
  const versions = await listVersionLabels(principal, slug).catch(() => []);
  const listKey = traceListHref(basePath, filters, cursor);
  return (
    <Section>
      <TraceFilters action={basePath} params={filters} versions={versions} />
      <Suspense key={listKey} fallback={<LoadingRows rows={10} columns={8} label="Loading traces…" />}>
        <TraceListResults
          principal={principal}
          clearHref={basePath}
          key={listKey}
          params={filters}
          cursor={cursor}
          basePath={basePath}
          fixed={["agent"]}
          hideAgent
          tableLabel="This agent's traces"
          emptyState={
            <EmptyState
              icon={<Activity />}
              title="No traces yet"
              description={
                <div className="flex flex-col gap-2" data-testid="traces-empty">
                  <p>
                    Traces appear here when this agent sends OpenTelemetry spans to <code className="font-mono text-xs">/api/otlp/v1/traces</code>{" "}
                    with its API key (OpenTelemetry GenAI, OpenInference and Vercel AI SDK attributes are understood):
                  </p>
                  <p>
                    <OtlpEndpoint />
                  </p>
                </div>
              }
            />
          }
        />
      </Suspense>
    </Section>
  );
}

function Section({ children }: { children: ReactNode }) {
  return (
    <section aria-labelledby="agent-traces-heading">
      <h2 id="agent-traces-heading" className="sr-only">
        Traces
      </h2>
      {children}
    </section>
  );
}
