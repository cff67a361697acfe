import { Activity } from "lucide-react";
import type { ReactNode } from "react";
import { LiveTraceList } from "@/components/traces/live-trace-list";
import { OtlpEndpoint } from "@/components/traces/otlp-endpoint";
import { TraceFilters } from "@/components/traces/trace-filters";
import { TraceListFailure } from "@/components/traces/trace-list-failure";
import { parseTraceListParams, toApiQuery, traceListHref } from "@/components/traces/trace-list-params";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePrincipal } from "@/lib/auth/session";
import { toAppError } from "@/lib/http/error-response";
import { listTraces, newestTraceId } from "@/lib/traces/list-traces";
import { listVersionLabels } from "@/lib/traces/version-labels";
import type { TraceListPage } from "@/lib/traces/trace-view";

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
  const renderedAt = Date.now();

  // The version suggestions only help; the list itself still loads (and reports errors) without them.
  const versions = listVersionLabels(principal, slug).catch(() => []);
  let loaded: [TraceListPage, string | null];
  try {
    loaded = await Promise.all([
      listTraces(principal, { ...toApiQuery(filters, renderedAt), cursor }),
      cursor ? newestTraceId(principal, toApiQuery(filters, renderedAt)) : Promise.resolve(null),
    ]);
  } catch (error) {
    return (
      <Section>
        <TraceListFailure failure={toAppError(error)} clearHref={basePath} retryHref={traceListHref(basePath, filters, cursor, ["agent"])} />
      </Section>
    );
  }
  const [page, headTraceId] = loaded;
  return (
    <Section>
      <TraceFilters action={basePath} params={filters} versions={await versions} />
      <LiveTraceList
        key={traceListHref(basePath, filters, cursor)}
        params={filters}
        cursor={cursor}
        initialPage={page}
        renderedAt={renderedAt}
        headTraceId={headTraceId}
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
