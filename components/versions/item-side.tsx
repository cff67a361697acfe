import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { TraceSummary } from "@/components/traces/trace-summary";
import { TraceTimeline } from "@/components/traces/trace-timeline";
import { traceHref } from "@/components/traces/trace-list-params";
import type { TraceDecision } from "@/lib/guard/guard-decision-view";
import type { RunItemView } from "@/lib/evals/runs/schemas";
import type { TraceView } from "@/lib/traces/trace-view";

export type LoadedTrace =
  | { state: "loaded"; trace: TraceView; decisions: TraceDecision[]; truncated: boolean }
  | { state: "none" }
  | { state: "missing"; traceId: string; message: string };

type Props = { side: "A" | "B"; spanParam: string; run: { id: string; version: string }; item: RunItemView; trace: LoadedTrace };

// One version's answer to the item: passed or not, each evaluator's verdict and reason, and its trace.
export function ItemSide({ side, spanParam, run, item, trace }: Props) {
  return (
    <section aria-labelledby={`item-side-${side}`} className="flex min-w-0 flex-col gap-3 rounded-lg border border-border p-3" data-testid={`item-side-${side.toLowerCase()}`}>
      <header className="flex flex-wrap items-center gap-2">
        <h3 id={`item-side-${side}`} className="text-sm font-semibold">
          {side}: <span className="font-mono">{run.version}</span>
        </h3>
        <Badge tone={item.passed ? "ok" : "danger"} dot>
          {item.passed ? "Passed" : "Failed"}
        </Badge>
        <span className="text-xs text-fg-muted">
          outcome <span className="font-mono">{item.outcome ?? "—"}</span>
        </span>
        {trace.state === "loaded" ? (
          <Link href={traceHref(trace.trace.traceId)} className="ml-auto text-xs font-medium text-accent underline-offset-2 hover:underline">
            Open trace<span className="sr-only"> of {run.version}</span>
          </Link>
        ) : null}
      </header>
      {item.output ? <p className="line-clamp-4 text-sm break-words">{item.output}</p> : null}
      <ul className="flex flex-col gap-1 text-xs" aria-label={`Scores on ${run.version}`}>
        {(item.scores ?? []).map((score, index) => (
          <li key={index} className="flex flex-wrap items-baseline gap-2">
            <Badge tone={score.passed ? "ok" : "danger"}>{score.passed ? "Pass" : "Fail"}</Badge>
            <span className="font-mono">{score.type}</span>
            <span className="text-fg-muted">{score.reason}</span>
          </li>
        ))}
        {item.scores ? null : <li className="text-danger-fg">No result was reported for this item on {run.version}: it failed every evaluator.</li>}
      </ul>
      {trace.state === "loaded" ? (
        <>
          <TraceSummary trace={trace.trace} />
          <TraceTimeline trace={trace.trace} decisions={trace.decisions} decisionsTruncated={trace.truncated} spanParam={spanParam} stacked />
        </>
      ) : (
        <EmptyState
          title={trace.state === "none" ? "No trace for this item" : "Trace unavailable"}
          description={trace.state === "none" ? `The harness reported no trace for this item on ${run.version}.` : `${trace.traceId}: ${trace.message}.`}
        />
      )}
    </section>
  );
}
