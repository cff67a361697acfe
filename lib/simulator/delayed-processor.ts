import type { Context } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";

const hrTimeToMs = ([seconds, nanos]: [number, number]) => seconds * 1000 + nanos / 1e6;

// Scenarios write a whole task at once with explicit timestamps (some in the near future). This
// processor hands each finished span to the next processor only once its end time has passed, so the
// app receives spans when a real agent would have sent them and "live" views fill in real time.
export function delayUntilEnded(next: SpanProcessor, tickMs = 250): SpanProcessor & { pending(): number } {
  let held: ReadableSpan[] = [];
  const release = (all: boolean) => {
    if (held.length === 0) return;
    const now = Date.now();
    const due = all ? held : held.filter((span) => hrTimeToMs(span.endTime) <= now);
    if (due.length === 0) return;
    held = all ? [] : held.filter((span) => hrTimeToMs(span.endTime) > now);
    for (const span of due) next.onEnd(span);
  };
  const timer = setInterval(() => release(false), tickMs);
  timer.unref?.();

  return {
    onStart: (span: Span, parentContext: Context) => next.onStart(span, parentContext),
    onEnd: (span: ReadableSpan) => {
      held.push(span);
    },
    async forceFlush() {
      release(true);
      await next.forceFlush();
    },
    async shutdown() {
      clearInterval(timer);
      release(true);
      await next.shutdown();
    },
    pending: () => held.length,
  };
}
