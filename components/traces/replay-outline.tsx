import { cn } from "@/components/ui/cn";
import { RelativeTime } from "@/components/ui/relative-time";
import { mostSevere } from "@/lib/guard/guard-decision-view";
import type { FlatStep, Turn } from "@/lib/traces/session-turns";
import { TraceStatusBadge } from "./badges";
import { GuardShield } from "./guard-outcome";

// Every step of the session, grouped by turn; the current one is marked and any can be jumped to. A
// shield marks the steps the guard was asked about (the most severe outcome, with text).
export function ReplayOutline({ turns, steps, current, onSelect }: { turns: Turn[]; steps: FlatStep[]; current: number; onSelect: (step: number) => void }) {
  return (
    <nav aria-labelledby="session-steps-title" className="flex flex-col gap-3">
      <h2 id="session-steps-title" className="text-sm font-semibold text-fg">
        Steps
      </h2>
      {turns.map((turn) => (
        <section key={turn.traceId} aria-labelledby={`turn-${turn.number}`} className="flex flex-col gap-1">
          <h3 id={`turn-${turn.number}`} className="flex flex-wrap items-center gap-2 text-xs font-semibold text-fg">
            Turn {turn.number}
            <TraceStatusBadge status={turn.status} />
            <RelativeTime value={turn.startTime} className="font-normal text-fg-muted" />
          </h3>
          <ol className="flex flex-col">
            {steps
              .filter((step) => step.turnNumber === turn.number)
              .map((step) => (
                <li key={step.stepNumber}>
                  <button
                    type="button"
                    onClick={() => onSelect(step.stepNumber)}
                    aria-current={step.stepNumber === current ? "step" : undefined}
                    className={cn(
                      "flex w-full items-center gap-2 rounded-md border-l-4 px-2 py-1 text-left text-sm hover:bg-surface-muted",
                      step.stepNumber === current ? "border-l-accent bg-accent-soft font-medium" : "border-l-transparent text-fg-muted",
                      step.span?.status === "error" && "text-danger-fg",
                    )}
                  >
                    <span className="w-6 shrink-0 text-xs tabular-nums">{step.stepNumber}.</span>
                    <span className="truncate">{step.label}</span>
                    <StepMarks step={step} />
                  </button>
                </li>
              ))}
          </ol>
        </section>
      ))}
    </nav>
  );
}

function StepMarks({ step }: { step: FlatStep }) {
  const outcome = mostSevere(step.guard ?? []);
  if (!outcome && step.span?.status !== "error") return null;
  return (
    <span className="ml-auto flex shrink-0 items-center gap-2">
      {outcome ? <GuardShield outcome={outcome} count={step.guard!.length} /> : null}
      {step.span?.status === "error" ? <span className="text-xs font-semibold">Error</span> : null}
    </span>
  );
}
