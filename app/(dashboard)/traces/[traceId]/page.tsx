import type { Metadata } from "next";
import { ChevronLeft, PlayCircle } from "lucide-react";
import Link from "next/link";
import { TraceSummary } from "@/components/traces/trace-summary";
import { TraceTimeline } from "@/components/traces/trace-timeline";
import { sessionHref } from "@/components/traces/trace-list-params";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePrincipal } from "@/lib/auth/session";
import { toAppError } from "@/lib/http/error-response";
import { getTraceView } from "@/lib/traces/get-trace";
import type { TraceView } from "@/lib/traces/trace-view";

export const metadata: Metadata = { title: "Trace" };

type TracePageProps = {
  params: Promise<{ traceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function TracePage({ params, searchParams }: TracePageProps) {
  const principal = await requirePrincipal();
  const { traceId } = await params;
  const spanParam = (await searchParams).span;
  const initialSpanId = Array.isArray(spanParam) ? spanParam[0] : spanParam;

  let trace: TraceView;
  try {
    trace = await getTraceView(principal, traceId);
  } catch (error) {
    const failure = toAppError(error);
    // Shown inside the app shell (notFound() would nest the root 404 page's <main> in the shell's).
    const [title, message] =
      failure.code === "not_found" || failure.code === "validation_failed"
        ? ["Trace not found", `No trace has the id "${traceId}". Its spans may not have arrived yet, or the link is out of date.`]
        : failure.code === "forbidden"
          ? ["This trace belongs to a team you are not in", "You can only see the traces of your own teams' agents (403)."]
          : ["The trace could not be loaded", failure.message];
    return (
      <>
        <PageHeader title="Trace unavailable" actions={<BackToTraces />} />
        <ErrorState title={title} message={message} retryHref={`/traces/${encodeURIComponent(traceId)}`} retryLabel="Check again" />
      </>
    );
  }

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
      <TraceTimeline trace={trace} initialSpanId={initialSpanId} />
    </>
  );
}

function BackToTraces() {
  return (
    <Button asChild variant="ghost">
      <Link href="/traces">
        <ChevronLeft aria-hidden="true" />
        All traces
      </Link>
    </Button>
  );
}
