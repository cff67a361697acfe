import type { CountedOnce } from "@/lib/traces/trace-view";

// Two instrumentations reported one model call (lib/traces/overlapping-calls.ts): say on each span
// which one the trace's totals count, and why.
export function CountedOnceNote({ countedOnce }: { countedOnce: CountedOnce }) {
  const named = (span: { spanId: string; name: string; scope: string | null }) => (
    <>
      <span className="font-medium">{span.name || "unnamed span"}</span> (<code className="font-mono text-xs">{span.spanId}</code>
      {span.scope ? <>, from {span.scope}</> : null})
    </>
  );
  return (
    <div role="note" aria-label="Counted once" data-testid="counted-once" className="rounded-md border border-border bg-surface-muted px-3 py-2 text-sm">
      {countedOnce.role === "duplicate" ? (
        <>
          <p className="font-semibold">Not counted in the trace&apos;s totals</p>
          <p>
            This span reports the same model call as {named(countedOnce.others[0])}: same model and tokens, at the same time, from another
            instrumentation{countedOnce.scope ? ` (${countedOnce.scope})` : ""}. That span started first, so its tokens and cost are the ones
            counted; this one&apos;s are shown but not added again.
          </p>
        </>
      ) : (
        <>
          <p className="font-semibold">Counted once for {countedOnce.others.length + 1} instrumentations</p>
          <p>
            The same model call was also reported by{" "}
            {countedOnce.others.map((other, index) => (
              <span key={other.spanId}>
                {index > 0 ? ", " : null}
                {named(other)}
              </span>
            ))}
            . This span started first, so its tokens and cost are the ones in the trace&apos;s totals.
          </p>
        </>
      )}
    </div>
  );
}
