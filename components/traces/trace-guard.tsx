import type { TraceDecision } from "@/lib/guard/guard-decision-view";
import { GuardDecisionList } from "./guard-decision-list";

// Below the timeline: the guard decisions asked with this trace's id but no span id (or a span that has
// not arrived), and a note when the trace has more decisions than are shown.
export function TraceGuard({ decisions, total, truncated }: { decisions: TraceDecision[]; total: number; truncated: boolean }) {
  if (decisions.length === 0 && !truncated) return null;
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-border bg-surface p-4">
      {truncated ? (
        <p role="note" className="text-xs text-warn-fg">
          This trace has more guard decisions than can be shown; the first {total.toLocaleString("en-US")} are on the timeline.
        </p>
      ) : null}
      <GuardDecisionList
        decisions={decisions}
        title="Guard decisions for the whole trace"
        description="Asked with this trace's id but without a span id, or naming a span that is not stored."
        testId="trace-guard"
      />
    </div>
  );
}
