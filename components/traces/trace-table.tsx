import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR, type SortDirection } from "@/components/ui/table";
import { formatCount, formatDuration } from "@/lib/traces/format";
import type { TraceListItem } from "@/lib/traces/trace-view";
import type { SortOrder, TraceSortKey } from "@/lib/traces/trace-sort";
import { TraceStatusBadge } from "./badges";
import { CostText } from "./cost-text";
import { sessionHref } from "./trace-list-params";

const linkClasses = "font-medium text-accent underline-offset-2 hover:underline";

export type TraceTableProps = {
  traces: TraceListItem[];
  /** Hide the agent column (the agent's own traces tab). */
  hideAgent?: boolean;
  label?: string;
  /** Sortable columns: the current order and the link that sorts by a column (kept in the URL). */
  sort?: { key: TraceSortKey; order: SortOrder; href: (key: TraceSortKey) => string };
};

export function TraceTable({ traces, hideAgent = false, label = "Traces", sort }: TraceTableProps) {
  const sortable = (key: TraceSortKey): { sort?: SortDirection; sortHref?: string } =>
    sort ? { sort: sort.key === key ? sort.order : "none", sortHref: sort.href(key) } : {};
  return (
    <Table label={label} data-testid="trace-table">
      <THead>
        <tr>
          <TH {...sortable("startTime")}>Started</TH>
          {hideAgent ? null : <TH>Agent</TH>}
          <TH>Name</TH>
          <TH>Version</TH>
          <TH>Session</TH>
          <TH>Status</TH>
          <TH>Outcome</TH>
          <TH numeric {...sortable("duration")}>
            Duration
          </TH>
          <TH numeric>Spans</TH>
          <TH numeric {...sortable("tokens")}>
            Tokens
          </TH>
          <TH numeric {...sortable("cost")}>
            Cost
          </TH>
        </tr>
      </THead>
      <TBody>
        {traces.map((trace) => (
          <TraceRow key={trace.traceId} trace={trace} hideAgent={hideAgent} />
        ))}
      </TBody>
    </Table>
  );
}

function TraceRow({ trace, hideAgent }: { trace: TraceListItem; hideAgent: boolean }) {
  const tokens = trace.totals.inputTokens + trace.totals.outputTokens;
  const tokenDetail = `${formatCount(trace.totals.inputTokens)} input, ${formatCount(trace.totals.outputTokens)} output tokens`;
  return (
    <TR data-testid="trace-row" data-trace-id={trace.traceId}>
      <TD>
        <RelativeTime value={trace.startTime} />
      </TD>
      {hideAgent ? null : (
        <TD>
          <Link href={`/agents/${trace.agent.slug}`} className="font-mono text-xs text-fg underline-offset-2 hover:underline">
            {trace.agent.slug}
          </Link>
        </TD>
      )}
      <TD className="max-w-72">
        <Link href={`/traces/${trace.traceId}`} className={`${linkClasses} block truncate ${trace.inProgress ? "italic" : ""}`} title={`Trace ${trace.traceId}`}>
          {trace.name || <span className="italic">unnamed trace</span>}
        </Link>
        {trace.workflow ? <span className="block truncate text-xs text-fg-muted">{trace.workflow}</span> : null}
      </TD>
      <TD>{trace.version ? <code className="font-mono text-xs">{trace.version}</code> : <span className="text-fg-muted" title="No version known">—</span>}</TD>
      <TD className="max-w-40">
        {trace.sessionId ? (
          <Link href={sessionHref(trace.sessionId)} className="block truncate font-mono text-xs text-accent underline-offset-2 hover:underline" title={`Replay session ${trace.sessionId}`}>
            {trace.sessionId}
          </Link>
        ) : (
          <span className="text-fg-muted">—</span>
        )}
      </TD>
      <TD>
        <span className="inline-flex flex-wrap items-center gap-1">
          <TraceStatusBadge status={trace.status} inProgress={trace.inProgress} />
          {trace.errorCount > 0 && (trace.inProgress || trace.status !== "error") ? (
            <Badge tone="warn">{trace.errorCount === 1 ? "1 span failed" : `${trace.errorCount} spans failed`}</Badge>
          ) : null}
        </span>
      </TD>
      <TD>{trace.outcome ?? <span className="text-fg-muted">—</span>}</TD>
      <TD numeric>{formatDuration(trace.durationMs)}</TD>
      <TD numeric>{formatCount(trace.spanCount)}</TD>
      <TD numeric>
        <span title={tokenDetail}>{formatCount(tokens)}</span>
        <span className="sr-only"> ({tokenDetail})</span>
      </TD>
      <TD numeric>
        <CostText costUsd={trace.totals.costUsd} unpricedSpans={trace.unpricedSpans} />
      </TD>
    </TR>
  );
}
