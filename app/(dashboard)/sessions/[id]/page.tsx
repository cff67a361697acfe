import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { CostText } from "@/components/traces/cost-text";
import { BackToTraces, isMissing, Unavailable } from "@/components/traces/unavailable";
import { SessionReplay } from "@/components/traces/session-replay";
import { traceListHref } from "@/components/traces/trace-list-params";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { requirePrincipal } from "@/lib/auth/session";
import { withStepDecisions } from "@/lib/guard/session-step-decisions";
import { TRACE_DECISION_LIMIT } from "@/lib/guard/trace-decisions";
import { formatCount, formatDuration } from "@/lib/traces/format";
import { getSession, SESSION_TRACE_LIMIT, type SessionReplay as SessionReplayData } from "@/lib/traces/get-session";
import { durationBetween } from "@/lib/traces/trace-view";

export const metadata: Metadata = { title: "Session replay" };

type SessionPageProps = {
  params: Promise<{ id: string }>;
};

export default async function SessionPage({ params }: SessionPageProps) {
  const principal = await requirePrincipal();
  const { id } = await params;
  const sessionId = safeDecode(id);

  let session: SessionReplayData;
  try {
    session = await getSession(principal, sessionId);
  } catch (error) {
    // 404 with ./not-found.tsx: rendered before any of the page is sent, so the status is the answer's.
    if (isMissing(error)) notFound();
    return <Unavailable error={error} heading="Session unavailable" retryHref={`/sessions/${encodeURIComponent(sessionId)}`} title="The session could not be loaded" />;
  }

  // The replay still shows if only the guard decisions fail to load.
  const withGuard = await withStepDecisions(principal, session).catch((error: unknown) => {
    console.error("[control-room] guard decisions of a session failed", error);
    return null;
  });
  const guard = withGuard?.guard ?? null;
  return (
    <>
      <PageHeader
        title="Session replay"
        description={
          <>
            Session <code className="font-mono text-xs">{session.sessionId}</code> of {session.agents.join(", ")}
          </>
        }
        actions={
          <>
            <BackToTraces />
            <Button asChild variant="secondary">
              <Link href={traceListHref("/traces", { session: session.sessionId })}>Traces of this session</Link>
            </Button>
          </>
        }
      >
        <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm" data-testid="session-summary">
          <Item label="Started">
            <RelativeTime value={session.startTime} />
          </Item>
          <Item label="Duration">{formatDuration(durationBetween(session.startTime, session.endTime))}</Item>
          <Item label="Turns">{formatCount(session.traceCount)}</Item>
          <Item label="Tokens">
            {formatCount(session.totals.inputTokens)} in · {formatCount(session.totals.outputTokens)} out
          </Item>
          <Item label="Cost">
            <CostText costUsd={session.totals.costUsd} unpricedSpans={session.unpricedSpans} />
          </Item>
        </dl>
        {session.truncated ? (
          <p role="note" className="text-xs text-warn-fg">
            This session has more than {SESSION_TRACE_LIMIT} turns; the first {SESSION_TRACE_LIMIT} are replayed here.
          </p>
        ) : null}
        {guard === null ? (
          <p role="alert" className="text-xs text-danger-fg">
            The guard decisions of this session could not be loaded; reload the page to try again.
          </p>
        ) : guard.truncated ? (
          <p role="note" className="text-xs text-warn-fg">
            This session has more guard decisions than can be shown; the first {TRACE_DECISION_LIMIT.toLocaleString("en-US")} are placed on its steps.
          </p>
        ) : null}
      </PageHeader>
      <SessionReplay session={withGuard ?? session} sessionLevel={guard?.sessionLevel ?? []} />
    </>
  );
}

// Next hands dynamic segments over still percent-encoded in some cases; decoding twice must not throw.
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}


function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs font-medium text-fg-muted">{label}</dt>
      <dd className="flex items-center">{children}</dd>
    </div>
  );
}
