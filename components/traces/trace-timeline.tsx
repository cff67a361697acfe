"use client";

import { useMemo, useState } from "react";
import type { TraceView } from "@/lib/traces/trace-view";
import { layoutWaterfall } from "@/lib/traces/waterfall-layout";
import { EmptyState } from "@/components/ui/empty-state";
import { SpanDetails } from "./span-details";
import { Waterfall } from "./waterfall";

// The waterfall and the selected span's details side by side; the selection is kept in ?span= so a
// link can point at one span.
export function TraceTimeline({ trace, initialSpanId }: { trace: TraceView; initialSpanId?: string }) {
  const { rows, totalMs, startMs } = useMemo(() => layoutWaterfall(trace.spans, trace), [trace]);
  const [selectedIndex, setSelectedIndex] = useState(() => Math.max(0, rows.findIndex((row) => row.span.spanId === initialSpanId)));

  if (rows.length === 0) {
    return (
      <EmptyState
        title="No spans stored for this trace yet"
        description="The trace is known but its spans have not arrived. Exporters send spans in batches; reload in a few seconds."
      />
    );
  }

  const selected = rows[selectedIndex] ?? rows[0];
  function select(index: number) {
    setSelectedIndex(index);
    const url = new URL(window.location.href);
    url.searchParams.set("span", rows[index].span.spanId);
    window.history.replaceState(window.history.state, "", url);
  }

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <section aria-labelledby="waterfall-title" className="flex min-w-0 flex-col gap-2">
        <h2 id="waterfall-title" className="text-sm font-semibold text-fg">
          Timeline <span className="font-normal text-fg-muted">· {rows.length} spans</span>
        </h2>
        <Waterfall rows={rows} totalMs={totalMs} selectedIndex={selectedIndex} onSelect={select} />
      </section>
      <section aria-label="Selected span" className="min-w-0 self-start rounded-lg border border-border bg-surface p-4 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto" tabIndex={-1}>
        <SpanDetails key={selected.span.spanId} span={selected.span} traceStartMs={startMs} />
      </section>
    </div>
  );
}
