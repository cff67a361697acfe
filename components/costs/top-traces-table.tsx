import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatCount } from "@/lib/costs/format";
import type { ExpensiveTrace } from "@/lib/costs/top-traces";
import { CostAmount } from "./cost-amount";

// The dearest tasks of the period, each linking to its timeline.
export function TopTracesTable({ traces }: { traces: ExpensiveTrace[] }) {
  return (
    <Table label="Most expensive traces" containerClassName="rounded-none border-0">
      <THead>
        <tr>
          <TH>Trace</TH>
          <TH>Agent</TH>
          <TH>Workflow</TH>
          <TH>Started</TH>
          <TH numeric>Spans</TH>
          <TH numeric>Tokens (in / out)</TH>
          <TH numeric>Cost</TH>
        </tr>
      </THead>
      <TBody>
        {traces.map((trace) => (
          <TR key={trace.traceId} data-trace={trace.traceId}>
            <TD className="max-w-64">
              <Link
                href={`/traces/${trace.traceId}`}
                className="flex flex-col text-accent underline-offset-2 hover:underline"
                aria-label={`Trace ${trace.name || trace.traceId}, ${trace.agent.slug}`}
              >
                <span className="truncate font-medium">{trace.name || "Untitled trace"}</span>
                <span className="font-mono text-xs text-fg-muted">{trace.traceId.slice(0, 16)}…</span>
              </Link>
            </TD>
            <TD>{trace.agent.slug}</TD>
            <TD className="text-fg-muted">{trace.workflow ?? "—"}</TD>
            <TD>
              <RelativeTime value={trace.startTime} />
            </TD>
            <TD numeric>{formatCount(trace.spanCount)}</TD>
            <TD numeric>
              {formatCount(trace.inputTokens)} / {formatCount(trace.outputTokens)}
            </TD>
            <TD numeric className="font-medium">
              <CostAmount costUsd={trace.costUsd} unpricedSpans={trace.unpricedSpans} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
