"use client";

import { useQueryState } from "nuqs";
import { useMemo } from "react";
import { groupBySpan, type TraceDecision } from "@/lib/guard/guard-decision-view";
import type { TraceView } from "@/lib/traces/trace-view";
import { layoutWaterfall } from "@/lib/traces/waterfall-layout";
import { EmptyState } from "@/components/ui/empty-state";
import { GuardDecisionList } from "./guard-decision-list";
import { TraceGuard } from "./trace-guard";
import { SpanDetails } from "./span-details";
import { Waterfall } from "./waterfall";
import { spanParser } from "./trace-list-params";

// The waterfall and the selected span's details side by side; the selection is kept in ?span= so a
// link can point at one span. Guard decisions show on the span they gated. Two timelines on one page
// (a regressed item's traces side by side) keep their selections in two parameters and stack their
// details under the waterfall.
export type TraceTimelineProps = { trace: TraceView; decisions?: TraceDecision[]; decisionsTruncated?: boolean; spanParam?: string; stacked?: boolean };

export function TraceTimeline({ trace, decisions = [], decisionsTruncated = false, spanParam = "span", stacked = false }: TraceTimelineProps) {
  const { rows, totalMs, startMs } = useMemo(() => layoutWaterfall(trace.spans, trace), [trace]);
  const guard = useMemo(() => groupBySpan(decisions, trace.spans.map((span) => span.spanId)), [decisions, trace.spans]);
  const traceGuard = <TraceGuard decisions={guard.traceLevel} total={decisions.length} truncated={decisionsTruncated} />;
  const [spanId, setSpanId] = useQueryState(spanParam, spanParser);
  const selectedIndex = Math.max(0, rows.findIndex((row) => row.span.spanId === spanId));

  if (rows.length === 0) {
    return (
      <div className="flex flex-col gap-4">
        <EmptyState
          title="No spans stored for this trace yet"
          description="The trace is known but its spans have not arrived. Exporters send spans in batches; reload in a few seconds."
        />
        {traceGuard}
      </div>
    );
  }

  const selected = rows[selectedIndex] ?? rows[0];
  const selectedDecisions = guard.bySpan.get(selected.span.spanId) ?? [];
  function select(index: number) {
    void setSpanId(rows[index].span.spanId);
  }

  return (
    <div className="flex flex-col gap-4">
      <div className={stacked ? "grid gap-4" : "grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]"}>
        <section aria-labelledby={`waterfall-title-${spanParam}`} className="flex min-w-0 flex-col gap-2">
          <h2 id={`waterfall-title-${spanParam}`} className="text-sm font-semibold text-fg">
            Timeline <span className="font-normal text-fg-muted">· {rows.length} spans</span>
          </h2>
          <Waterfall rows={rows} totalMs={totalMs} selectedIndex={selectedIndex} onSelect={select} guardBySpan={guard.bySpan} />
        </section>
        <section aria-label={stacked ? `Selected span of trace ${trace.traceId.slice(0, 8)}` : "Selected span"} className={stacked ? "min-w-0 rounded-lg border border-border bg-surface p-4" : "min-w-0 self-start rounded-lg border border-border bg-surface p-4 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto"} tabIndex={-1}>
          <SpanDetails
            key={selected.span.spanId}
            span={selected.span}
            traceStartMs={startMs}
            guard={<GuardDecisionList decisions={selectedDecisions} title="Guard" testId="span-guard" />}
          />
        </section>
      </div>
      {traceGuard}
    </div>
  );
}
