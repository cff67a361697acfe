"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { useQueryState } from "nuqs";
import { useEffect, useMemo } from "react";
import { Button } from "@/components/ui/button";
import type { StepDecision } from "@/lib/guard/guard-decision-view";
import type { SessionReplay as SessionReplayData } from "@/lib/traces/get-session";
import { clampStep, flattenSteps } from "@/lib/traces/session-turns";
import { GuardDecisionList } from "./guard-decision-list";
import { ReplayOutline } from "./replay-outline";
import { ReplayStep } from "./replay-step";
import { StepWhy } from "./step-why";
import { stepParser } from "./trace-list-params";

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

export type SessionReplayProps = { session: SessionReplayData; sessionLevel?: StepDecision[] };

// Step through a session in order with Previous/Next (or ← and →); the step is kept in ?step= (each step
// replaces the history entry, without a server round trip). Each step shows the agent version that ran it
// and the guard decisions placed on it (lib/guard/place-on-steps.ts), next to what it was looking at.
export function SessionReplay({ session, sessionLevel = [] }: SessionReplayProps) {
  const steps = useMemo(() => flattenSteps(session.turns), [session.turns]);
  const [stepParam, setStepParam] = useQueryState("step", stepParser);
  const current = clampStep(stepParam, steps.length);
  const step = steps[current - 1];

  function go(next: number) {
    void setStepParam(clampStep(next, steps.length));
  }

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || typing(event.target)) return;
      if (event.key === "ArrowLeft" && current > 1) go(current - 1);
      else if (event.key === "ArrowRight" && current < steps.length) go(current + 1);
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  });

  if (!step) return null;
  const turns = session.turns.length;
  const turn = session.turns[step.turnNumber - 1];
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2.5fr)]">
      <div className="order-2 lg:order-1">
        <ReplayOutline turns={session.turns} steps={steps} current={current} onSelect={go} />
      </div>
      <section aria-label="Replay" className="order-1 flex min-w-0 flex-col gap-3 lg:order-2">
        <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-border bg-surface px-3 py-2">
          <Button onClick={() => go(current - 1)} disabled={current <= 1} aria-keyshortcuts="ArrowLeft">
            <ChevronLeft aria-hidden="true" />
            Previous
          </Button>
          <p aria-live="polite" className="text-sm font-medium text-fg">
            <span data-testid="replay-position">
              Step {current} of {steps.length}
            </span>
            <span className="font-normal text-fg-muted">
              {" "}
              · turn {step.turnNumber} of {turns}
            </span>
          </p>
          <Button onClick={() => go(current + 1)} disabled={current >= steps.length} aria-keyshortcuts="ArrowRight">
            Next
            <ChevronRight aria-hidden="true" />
          </Button>
        </div>
        <p className="text-xs text-fg-muted">Use ← and → to step through.</p>
        <div className="rounded-lg border border-border bg-surface p-4">
          <ReplayStep
            key={current}
            step={step}
            guard={<StepWhy agentSlug={turn.agentSlug} version={turn.version} decisions={step.guard} />}
          />
        </div>
        {sessionLevel.length > 0 ? (
          <div className="rounded-lg border border-border bg-surface p-4">
            <GuardDecisionList
              decisions={sessionLevel}
              title="Guard decisions of this session outside its traces"
              description="Asked with this session id but no trace id, or a trace that is not replayed here."
              testId="session-guard"
            />
          </div>
        ) : null}
      </section>
    </div>
  );
}
