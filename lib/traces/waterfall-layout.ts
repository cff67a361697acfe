// Where each span sits in the timeline's waterfall: depth-first tree order (children by start time),
// indentation depth, and the bar's offset and width as percentages of the trace's duration. Pure.

export type WaterfallSpan = { spanId: string; parentSpanId: string | null; startTime: string; endTime: string };

export type WaterfallRow<T extends WaterfallSpan> = {
  span: T;
  depth: number;
  /** Milliseconds from the trace's start to the span's start. */
  startOffsetMs: number;
  durationMs: number;
  offsetPct: number;
  widthPct: number;
  childCount: number;
};

/** A zero-length span still gets a visible sliver. */
export const MIN_BAR_PCT = 0.5;

export function layoutWaterfall<T extends WaterfallSpan>(
  spans: T[],
  bounds?: { startTime: string; endTime: string },
): { rows: WaterfallRow<T>[]; totalMs: number; startMs: number } {
  if (spans.length === 0) return { rows: [], totalMs: 0, startMs: bounds ? Date.parse(bounds.startTime) : 0 };
  const starts = spans.map((span) => Date.parse(span.startTime));
  const ends = spans.map((span) => Math.max(Date.parse(span.endTime), Date.parse(span.startTime)));
  const startMs = Math.min(...starts, bounds ? Date.parse(bounds.startTime) : Infinity);
  const endMs = Math.max(...ends, bounds ? Date.parse(bounds.endTime) : -Infinity);
  const totalMs = Math.max(0, endMs - startMs);
  const scale = totalMs > 0 ? totalMs : 1;

  const ids = new Set(spans.map((span) => span.spanId));
  const children = new Map<string, T[]>();
  const roots: T[] = [];
  for (const span of spans) {
    const parent = span.parentSpanId;
    if (parent === null || parent === span.spanId || !ids.has(parent)) roots.push(span);
    else children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const order = (a: T, b: T) => Date.parse(a.startTime) - Date.parse(b.startTime) || a.spanId.localeCompare(b.spanId);
  roots.sort(order);
  for (const list of children.values()) list.sort(order);

  const rows: WaterfallRow<T>[] = [];
  const placed = new Set<string>();
  const place = (span: T, depth: number) => {
    // Iterative depth-first walk: deep traces must not overflow the stack.
    const stack: { span: T; depth: number }[] = [{ span, depth }];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (placed.has(next.span.spanId)) continue;
      placed.add(next.span.spanId);
      const kids = children.get(next.span.spanId) ?? [];
      rows.push(rowOf(next.span, next.depth, kids.length, startMs, scale));
      for (let index = kids.length - 1; index >= 0; index -= 1) stack.push({ span: kids[index], depth: next.depth + 1 });
    }
  };
  for (const root of roots) place(root, 0);
  // Spans caught in a parent cycle have no root; show them at the top level rather than lose them.
  for (const span of [...spans].sort(order)) if (!placed.has(span.spanId)) place(span, 0);
  return { rows, totalMs, startMs };
}

function rowOf<T extends WaterfallSpan>(span: T, depth: number, childCount: number, startMs: number, scale: number): WaterfallRow<T> {
  const start = Date.parse(span.startTime);
  const durationMs = Math.max(0, Date.parse(span.endTime) - start);
  const widthPct = Math.min(100, Math.max(MIN_BAR_PCT, (durationMs / scale) * 100));
  const offsetPct = Math.min(Math.max(0, ((start - startMs) / scale) * 100), 100 - widthPct);
  return { span, depth, startOffsetMs: start - startMs, durationMs, offsetPct, widthPct, childCount };
}

// Arrow-key movement through the rows (no wrap-around).
export function moveSelection(index: number, key: string, count: number, page = 10): number {
  if (count === 0) return -1;
  switch (key) {
    case "ArrowDown":
      return Math.min(count - 1, index + 1);
    case "ArrowUp":
      return Math.max(0, index - 1);
    case "PageDown":
      return Math.min(count - 1, index + page);
    case "PageUp":
      return Math.max(0, index - page);
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return index;
  }
}
