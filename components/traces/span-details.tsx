import { useId, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { formatCount, formatDuration, formatUsd } from "@/lib/traces/format";
import type { SpanView } from "@/lib/traces/trace-view";
import { SpanKindBadge, TraceStatusBadge } from "./badges";
import { CountedOnceNote } from "./counted-once-note";
import { JsonView } from "./json-view";
import { Payload } from "./payload";
import { SpanEvents } from "./span-events";

const payloadLabels: Record<string, [string, string]> = {
  llm: ["Input messages", "Output"],
  tool: ["Parameters", "Result"],
  retrieval: ["Query", "Documents"],
  agent: ["Input", "Output"],
};

// Everything recorded about one span: what went in, what came out, what failed, the guard's decisions
// (passed in as `guard`), and the raw attributes.
export function SpanDetails({ span, traceStartMs, guard }: { span: SpanView; traceStartMs: number; guard?: ReactNode }) {
  const [inputLabel, outputLabel] = payloadLabels[span.kind] ?? ["Input", "Output"];
  const attributeCount = Object.keys(span.attributes).length;
  // Unique per instance: two traces side by side show two span details.
  const titleId = useId();
  return (
    <article aria-labelledby={titleId} className="flex flex-col gap-3" data-testid="span-details">
      <header className="flex flex-col gap-1">
        <h2 id={titleId} className="text-sm font-semibold break-all text-fg">
          {span.name || "Unnamed span"}
        </h2>
        <div className="flex flex-wrap items-center gap-2 text-xs text-fg-muted">
          <SpanKindBadge kind={span.kind} />
          <TraceStatusBadge status={span.status} />
          <span>
            {startOffset(Date.parse(span.startTime) - traceStartMs)}, took {formatDuration(span.durationMs)}
          </span>
        </div>
      </header>

      {span.status === "error" ? (
        <div role="note" aria-label="Error" className="rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger-fg">
          <p className="font-semibold">Error</p>
          <p className="break-words whitespace-pre-wrap">{span.statusMessage || "The span failed without a message."}</p>
        </div>
      ) : null}

      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
        {span.model ? <Fact label="Model">{span.provider ? `${span.model} (${span.provider})` : span.model}</Fact> : null}
        {span.toolName ? (
          <Fact label="Tool">
            <code className="font-mono text-xs">{span.toolName}</code>
          </Fact>
        ) : null}
        {span.inputTokens !== null || span.outputTokens !== null ? (
          <Fact label="Tokens">
            {tokenText(span)}
            {span.countedOnce?.role === "duplicate" ? <span className="text-fg-muted"> (not in totals)</span> : null}
          </Fact>
        ) : null}
        <Fact label="Cost">
          {costText(span)}
          {span.countedOnce?.role === "duplicate" ? <span className="text-fg-muted"> (not in totals)</span> : null}
        </Fact>
        {span.workflow ? <Fact label="Workflow">{span.workflow}</Fact> : null}
        <Fact label="Span id">
          <code className="font-mono text-xs">{span.spanId}</code>
        </Fact>
        <Fact label="Started">
          <time dateTime={span.startTime} className="font-mono text-xs">
            {span.startTime}
          </time>
        </Fact>
      </dl>

      {span.countedOnce ? <CountedOnceNote countedOnce={span.countedOnce} /> : null}
      {guard}
      {span.payloadTruncated ? (
        <p className="text-xs text-warn-fg">This payload is large; the first 200,000 characters are shown.</p>
      ) : null}
      <Payload label={inputLabel} text={span.input} />
      <Payload label={outputLabel} text={span.output} />
      <SpanEvents events={span.events} spanStartMs={Date.parse(span.startTime)} />

      <details open={attributeCount > 0 && attributeCount <= 12}>
        <summary className="cursor-pointer text-xs font-semibold text-fg-muted hover:text-fg">
          <h3 className="inline">Raw attributes</h3>
          <span className="font-normal"> · {attributeCount}</span>
        </summary>
        <div className="mt-1">{attributeCount > 0 ? <JsonView value={span.attributes} /> : <p className="text-xs text-fg-muted italic">None</p>}</div>
      </details>
    </article>
  );
}

const startOffset = (ms: number) => (ms < 1 ? "at the start" : `at +${formatDuration(ms)}`);

function tokenText(span: SpanView): string {
  const parts = [`${formatCount(span.inputTokens ?? 0)} in`, `${formatCount(span.outputTokens ?? 0)} out`];
  if (span.cachedInputTokens) parts.push(`${formatCount(span.cachedInputTokens)} cached`);
  if (span.reasoningTokens) parts.push(`${formatCount(span.reasoningTokens)} reasoning`);
  return parts.join(" · ");
}

function costText(span: SpanView): ReactNode {
  if (span.costUsd !== null) return formatUsd(span.costUsd);
  if (span.model && ((span.inputTokens ?? 0) > 0 || (span.outputTokens ?? 0) > 0)) {
    return (
      <Badge tone="warn" title={`No price for ${span.model} in the price table`}>
        unpriced
      </Badge>
    );
  }
  return <span className="text-fg-muted">—</span>;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-xs font-medium text-fg-muted">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}
