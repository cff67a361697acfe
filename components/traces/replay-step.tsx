import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { formatCount, formatDuration, formatUsd } from "@/lib/traces/format";
import type { FlatStep } from "@/lib/traces/session-turns";
import { TraceStatusBadge } from "./badges";
import { Payload } from "./payload";
import { traceHref } from "./trace-list-params";

// One replay step, told as what happened: what came in, what the model thought, which tool it
// called with what, what it found, what it answered; and what the guard decided about it (`guard`).
export function ReplayStep({ step, guard }: { step: FlatStep; guard?: ReactNode }) {
  const span = step.span;
  return (
    <article aria-labelledby="replay-step-title" className="flex flex-col gap-3" data-testid="replay-step" data-step-kind={step.kind}>
      <header className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex flex-col gap-0.5">
          <p className="text-xs text-fg-muted">Turn {step.turnNumber}</p>
          <h2 id="replay-step-title" className="text-base font-semibold text-fg">
            {headline(step)}
          </h2>
        </div>
        {span ? (
          <div className="flex flex-wrap items-center gap-2 text-xs text-fg-muted">
            <TraceStatusBadge status={span.status} />
            <span>took {formatDuration(span.durationMs)}</span>
            <Link href={traceHref(step.traceId, span.spanId)} className="font-medium text-accent underline-offset-2 hover:underline">
              Open in timeline
            </Link>
          </div>
        ) : null}
      </header>
      {span?.status === "error" ? (
        <div role="note" aria-label="Error" className="rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger-fg">
          <p className="font-semibold">Error</p>
          <p className="break-words whitespace-pre-wrap">{span.statusMessage || "Failed without a message."}</p>
        </div>
      ) : null}
      {guard}
      <StepBody step={step} />
      {span && (span.model || span.inputTokens !== null || span.costUsd !== null) ? (
        <p className="flex flex-wrap gap-x-4 text-xs text-fg-muted">
          {span.model ? <span>Model {span.model}</span> : null}
          {span.inputTokens !== null || span.outputTokens !== null ? (
            <span>
              {formatCount(span.inputTokens ?? 0)} in · {formatCount(span.outputTokens ?? 0)} out
              {span.reasoningTokens ? ` · ${formatCount(span.reasoningTokens)} reasoning` : ""} tokens
            </span>
          ) : null}
          {span.costUsd !== null ? <span>{formatUsd(span.costUsd)}</span> : span.model ? <Badge tone="warn">unpriced</Badge> : null}
        </p>
      ) : null}
    </article>
  );
}

function headline(step: FlatStep): ReactNode {
  const span = step.span;
  switch (step.kind) {
    case "input":
      return "What came in";
    case "thought":
      return span?.model ? `The model thought (${span.model})` : "The model thought";
    case "tool":
      return (
        <>
          Called tool <code className="font-mono">{span?.toolName ?? span?.name}</code>
        </>
      );
    case "retrieval":
      return "Looked up context";
    case "agent":
      return `Handed off to ${span?.name ?? "a sub-agent"}`;
    case "error":
      return `Failed: ${span?.name ?? "a step"}`;
    case "answer":
      return "What it answered";
    case "empty":
      return "No spans recorded";
  }
}

function StepBody({ step }: { step: FlatStep }) {
  const span = step.span;
  if (!span) {
    return <p className="text-sm text-fg-muted">This turn&apos;s spans have not arrived, or the agent did not record any.</p>;
  }
  switch (step.kind) {
    case "input":
      return <Payload label="Input" text={span.input} />;
    case "thought":
      return (
        <>
          <Payload label="What the model was given" text={span.input} defaultOpen={false} />
          <Payload label="What it replied" text={span.output} />
        </>
      );
    case "tool":
      return (
        <>
          <Payload label="Parameters" text={span.input} emptyLabel="No parameters recorded" />
          <Payload label="Result" text={span.output} emptyLabel={span.status === "error" ? "No result: the call failed" : "No result recorded"} />
        </>
      );
    case "retrieval":
      return (
        <>
          <Payload label="Query" text={span.input} />
          <Payload label="Documents" text={span.output} />
        </>
      );
    case "answer":
      return <Payload label="Answer" text={span.output} />;
    default:
      return (
        <>
          <Payload label="Input" text={span.input} />
          <Payload label="Output" text={span.output} />
        </>
      );
  }
}
