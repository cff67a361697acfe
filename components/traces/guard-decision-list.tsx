import type { TraceDecision } from "@/lib/guard/guard-decision-view";
import { GuardDecisionItem } from "./guard-decision-item";

// The guard decisions that gated one span (in the span panel) or a whole trace (below the timeline).
export function GuardDecisionList({ decisions, title, description, testId }: { decisions: TraceDecision[]; title: string; description?: string; testId: string }) {
  if (decisions.length === 0) return null;
  const headingId = `${testId}-title`;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2" data-testid={testId}>
      <div className="flex flex-col gap-0.5">
        <h3 id={headingId} className="text-xs font-semibold text-fg-muted">
          {title} <span className="font-normal">· {decisions.length}</span>
        </h3>
        {description ? <p className="text-xs text-fg-muted">{description}</p> : null}
      </div>
      <ul className="flex flex-col gap-2">
        {decisions.map((decision) => (
          <GuardDecisionItem key={decision.decisionId} decision={decision} />
        ))}
      </ul>
    </section>
  );
}
