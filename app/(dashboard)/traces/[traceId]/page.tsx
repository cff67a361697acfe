import type { Metadata } from "next";
import { PlayCircle } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddToDatasetDialog } from "@/components/datasets/add-to-dataset-dialog";
import { TraceSummary } from "@/components/traces/trace-summary";
import { BackToTraces, isMissing, Unavailable } from "@/components/traces/unavailable";
import { TraceTimeline } from "@/components/traces/trace-timeline";
import { sessionHref } from "@/components/traces/trace-list-params";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { roleCan } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { expectedFromTrace } from "@/lib/evals/datasets/trace-case";
import { listTraceDecisions, type TraceDecisions } from "@/lib/guard/trace-decisions";
import { getTraceView } from "@/lib/traces/get-trace";
import type { TraceView } from "@/lib/traces/trace-view";

export const metadata: Metadata = { title: "Trace" };

type TracePageProps = {
  params: Promise<{ traceId: string }>;
};

export default async function TracePage({ params }: TracePageProps) {
  const principal = await requirePrincipal();
  const { traceId } = await params;

  let trace: TraceView;
  try {
    trace = await getTraceView(principal, traceId);
  } catch (error) {
    // 404 with ./not-found.tsx: rendered before any of the page is sent, so the status is the answer's.
    if (isMissing(error)) notFound();
    return <Unavailable error={error} heading="Trace unavailable" retryHref={`/traces/${encodeURIComponent(traceId)}`} title="The trace could not be loaded" />;
  }

  // If only the guard decisions fail, the timeline still shows and says so.
  const guardResult = await listTraceDecisions(principal, trace.traceId).then(
    (result): TraceDecisions & { failed: boolean } => ({ ...result, failed: false }),
    (error: unknown) => {
      console.error("[control-room] guard decisions of a trace failed", error);
      return { decisions: [], truncated: false, failed: true };
    },
  );
  // What "Add to dataset" prefills as the expected: the outcome and the tools called, as the item would take them.
  const prefilled = expectedFromTrace(trace.outcome, trace.spans.map((span) => ({ ...span, startTime: new Date(span.startTime) })));
  return (
    <>
      <PageHeader
        title={trace.name || "Unnamed trace"}
        description={
          <>
            Trace <code className="font-mono text-xs">{trace.traceId}</code>
          </>
        }
        actions={
          <>
            <BackToTraces />
            {roleCan(principal.role, "datasets:manage") ? <AddToDatasetDialog slug={trace.agent.slug} traceId={trace.traceId} prefilled={prefilled} /> : null}
            {trace.sessionId ? (
              <Button asChild variant="primary">
                <Link href={sessionHref(trace.sessionId)}>
                  <PlayCircle aria-hidden="true" />
                  Replay session
                </Link>
              </Button>
            ) : null}
          </>
        }
      >
        <TraceSummary trace={trace} />
      </PageHeader>
      {guardResult.failed ? (
        <p role="alert" className="mb-3 text-sm text-danger-fg">
          The guard decisions of this trace could not be loaded; reload the page to try again.
        </p>
      ) : null}
      <TraceTimeline trace={trace} decisions={guardResult.decisions} decisionsTruncated={guardResult.truncated} />
    </>
  );
}

