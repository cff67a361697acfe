import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatCount, formatDuration } from "@/lib/traces/format";
import type { TraceView } from "@/lib/traces/trace-view";
import { TraceStatusBadge } from "./badges";
import { CostText } from "./cost-text";
import { sessionHref, traceListHref } from "./trace-list-params";

const linkClasses = "font-medium text-accent underline-offset-2 hover:underline";

// The trace's totals at a glance, above its timeline.
export function TraceSummary({ trace }: { trace: TraceView }) {
  return (
    <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm" data-testid="trace-summary">
      <Item label="Agent">
        <Link href={`/agents/${trace.agent.slug}`} className={linkClasses}>
          {trace.agent.name}
        </Link>
      </Item>
      <Item label="Status">
        <span className="flex items-center gap-1">
          <TraceStatusBadge status={trace.status} inProgress={trace.inProgress} data-testid="trace-status" />
          {trace.errorCount > 0 ? <Badge tone="danger">{trace.errorCount === 1 ? "1 failed span" : `${trace.errorCount} failed spans`}</Badge> : null}
        </span>
      </Item>
      <Item label="Version">
        {trace.version ? (
          <Link
            href={traceListHref(`/agents/${trace.agent.slug}/traces`, { version: trace.version })}
            className={`${linkClasses} font-mono text-xs`}
            title={`This agent's traces of version ${trace.version}`}
            data-testid="trace-version"
          >
            {trace.version}
          </Link>
        ) : (
          <span className="text-fg-muted" title="The agent named no version and none was served to its session">
            unknown
          </span>
        )}
      </Item>
      <Item label="Outcome">{trace.outcome ?? <span className="text-fg-muted">—</span>}</Item>
      <Item label="Started">
        <RelativeTime value={trace.startTime} />
      </Item>
      <Item label="Duration">{formatDuration(trace.durationMs)}</Item>
      <Item label="Spans">{formatCount(trace.spanCount || trace.spans.length)}</Item>
      <Item label="Tokens">
        <span title="input / output tokens">
          {formatCount(trace.totals.inputTokens)} in · {formatCount(trace.totals.outputTokens)} out
        </span>
      </Item>
      <Item label="Cost">
        <CostText costUsd={trace.totals.costUsd} unpricedSpans={trace.unpricedSpans} />
      </Item>
      {trace.workflow ? <Item label="Workflow">{trace.workflow}</Item> : null}
      <Item label="Session">
        {trace.sessionId ? (
          <Link href={sessionHref(trace.sessionId)} className={`${linkClasses} font-mono text-xs`}>
            {trace.sessionId}
          </Link>
        ) : (
          <span className="text-fg-muted">none</span>
        )}
      </Item>
    </dl>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs font-medium text-fg-muted">{label}</dt>
      <dd className="flex items-center">{children}</dd>
    </div>
  );
}
