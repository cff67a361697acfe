"use client";

import { useEffect, useRef, type KeyboardEvent } from "react";
import { cn } from "@/components/ui/cn";
import { mostSevere, type TraceDecision } from "@/lib/guard/guard-decision-view";
import { formatCount, formatDuration, formatUsd } from "@/lib/traces/format";
import type { SpanView } from "@/lib/traces/trace-view";
import { moveSelection, type WaterfallRow } from "@/lib/traces/waterfall-layout";
import { kindBarClasses, kindLabels, SpanKindBadge } from "./badges";
import { GuardShield, outcomeDisplay } from "./guard-outcome";

const INDENT_PX = 14;
const MAX_INDENT_DEPTH = 20;

export type WaterfallProps = {
  rows: WaterfallRow<SpanView>[];
  totalMs: number;
  selectedIndex: number;
  onSelect: (index: number) => void;
  /** Guard decisions per span id; a span with any gets a shield coloured by the most severe outcome. */
  guardBySpan?: Map<string, TraceDecision[]>;
};

export const spanOptionId = (spanId: string) => `span-option-${spanId}`;

// The spans as a listbox: one option per span, nested by indentation, with a bar placed by start and
// duration. Arrow keys, Page Up/Down, Home and End move the selection; clicking selects too.
export function Waterfall({ rows, totalMs, selectedIndex, onSelect, guardBySpan }: WaterfallProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const selected = rows[selectedIndex];

  useEffect(() => {
    if (!selected) return;
    document.getElementById(spanOptionId(selected.span.spanId))?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const next = moveSelection(selectedIndex, event.key, rows.length);
    if (next !== selectedIndex && next >= 0) {
      event.preventDefault();
      onSelect(next);
    } else if (["ArrowDown", "ArrowUp", "Home", "End", "PageDown", "PageUp"].includes(event.key)) {
      event.preventDefault();
    }
  }

  return (
    <div className="flex flex-col rounded-lg border border-border bg-surface">
      <div aria-hidden="true" className="flex border-b border-border bg-surface-muted px-3 py-1.5 text-[11px] text-fg-muted">
        <span className="w-[42%] shrink-0 font-semibold">Span</span>
        <span className="relative flex-1">
          {[0, 0.25, 0.5, 0.75, 1].map((fraction) => (
            <span
              key={fraction}
              className="absolute -translate-x-1/2 whitespace-nowrap tabular-nums first:translate-x-0 last:-translate-x-full"
              style={{ left: `${fraction * 100}%` }}
            >
              {fraction === 0 ? "0" : formatDuration(totalMs * fraction)}
            </span>
          ))}
        </span>
      </div>
      <div
        ref={listRef}
        role="listbox"
        aria-label="Spans, in order of start; use the arrow keys to choose one"
        aria-activedescendant={selected ? spanOptionId(selected.span.spanId) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        className="max-h-[65vh] overflow-auto focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-accent"
        data-testid="waterfall"
      >
        {rows.map((row, index) => (
          <SpanOption
            key={row.span.spanId}
            row={row}
            selected={index === selectedIndex}
            decisions={guardBySpan?.get(row.span.spanId)}
            onClick={() => {
              // Keep the keyboard where the pointer chose, so the arrow keys continue from there.
              listRef.current?.focus({ preventScroll: true });
              onSelect(index);
            }}
          />
        ))}
      </div>
    </div>
  );
}

// One readable sentence per span for screen readers (the visual row is several separate pieces).
function optionLabel({ span, durationMs }: WaterfallRow<SpanView>, decisions: TraceDecision[] = []): string {
  const guardOutcome = mostSevere(decisions);
  const tokens = (span.inputTokens ?? 0) + (span.outputTokens ?? 0);
  return [
    span.name || "Unnamed span",
    kindLabels[span.kind] ?? span.kind,
    span.status === "error" ? "error" : null,
    span.model,
    span.kind === "tool" ? span.toolName : null,
    tokens > 0 ? `${formatCount(tokens)} tokens` : null,
    span.costUsd !== null ? formatUsd(span.costUsd) : null,
    formatDuration(durationMs),
    guardOutcome ? `guard: ${outcomeDisplay[guardOutcome].label}${decisions.length > 1 ? ` (${decisions.length} decisions)` : ""}` : null,
  ]
    .filter(Boolean)
    .join(", ");
}

type SpanOptionProps = { row: WaterfallRow<SpanView>; selected: boolean; decisions?: TraceDecision[]; onClick: () => void };

function SpanOption({ row, selected, decisions = [], onClick }: SpanOptionProps) {
  const { span } = row;
  const guardOutcome = mostSevere(decisions);
  const failed = span.status === "error";
  const tokens = (span.inputTokens ?? 0) + (span.outputTokens ?? 0);
  return (
    <div
      id={spanOptionId(span.spanId)}
      role="option"
      aria-selected={selected}
      aria-label={optionLabel(row, decisions)}
      onClick={onClick}
      data-span-id={span.spanId}
      className={cn(
        "flex cursor-pointer items-center border-b border-l-4 border-b-border px-3 py-1 last:border-b-0 hover:bg-surface-muted",
        selected ? "border-l-accent bg-accent-soft hover:bg-accent-soft" : "border-l-transparent",
      )}
    >
      <div className="flex w-[42%] shrink-0 flex-col gap-0.5 pr-2" style={{ paddingLeft: Math.min(row.depth, MAX_INDENT_DEPTH) * INDENT_PX }}>
        <span className="truncate text-sm text-fg" title={span.name}>
          {span.name || "Unnamed span"}
        </span>
        <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-[11px] text-fg-muted">
          <SpanKindBadge kind={span.kind} />
          {guardOutcome ? <GuardShield outcome={guardOutcome} count={decisions.length} /> : null}
          {failed ? <span className="font-semibold text-danger-fg">Error</span> : null}
          {span.model ? <span className="truncate">{span.model}</span> : null}
          {span.toolName && span.kind === "tool" ? <span className="truncate font-mono">{span.toolName}</span> : null}
          {tokens > 0 ? <span className="tabular-nums">{formatCount(tokens)} tok</span> : null}
          {span.costUsd !== null ? <span className="tabular-nums">{formatUsd(span.costUsd)}</span> : null}
        </span>
      </div>
      <div className="relative h-5 flex-1">
        <span
          aria-hidden="true"
          className={cn(
            "absolute top-1 h-3 rounded-sm",
            kindBarClasses[span.kind] ?? kindBarClasses.other,
            failed && "ring-2 ring-danger ring-offset-1",
          )}
          style={{ left: `${row.offsetPct}%`, width: `${row.widthPct}%` }}
        />
        <span
          className="absolute top-0 text-[11px] whitespace-nowrap text-fg-muted tabular-nums"
          style={row.offsetPct + row.widthPct > 75 ? { right: `${100 - row.offsetPct}%`, paddingRight: 4 } : { left: `${row.offsetPct + row.widthPct}%`, paddingLeft: 4 }}
        >
          {formatDuration(row.durationMs)}
        </span>
      </div>
    </div>
  );
}
