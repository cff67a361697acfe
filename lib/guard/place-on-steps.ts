import type { ReplayStep, Turn } from "../traces/session-turns";
import { decidingRule, policyScopeVersions } from "./deciding-rule";
import type { StepDecision, StepLink, TraceDecision } from "./guard-decision-view";

// Puts each guard decision of a session on the replay step it gated, by the most exact link the
// decision carries (pure, unit-tested; lib/traces/step-decisions.ts loads what it joins):
//   1. span: the decision names a span id (guard call `spanId`) that one of the turn's steps shows;
//   2. time: it names only the trace: an action check goes to the call of the same tool whose span
//      holds the decision's time, else the first such call starting after it (agents ask before they
//      act), else the last before it; any other check to the narrowest step whose span holds its time.
//      Decision times are the server's clock and span times the agent's, so this is a best fit;
//   3. trace: nothing closer: the turn's first step.
// A decision only joins a turn of the agent that asked it: another agent sending this trace id must
// not put its decisions on this agent's steps. Decisions whose trace is not replayed stay session-level.

export type PlacedTurns = { turns: Turn[]; sessionLevel: StepDecision[] };

type Candidate = { index: number; step: ReplayStep; start: number; end: number };

const annotate = (decision: TraceDecision, link: StepLink): StepDecision => ({
  ...decision,
  link,
  rule: decidingRule(decision),
  policyScopes: policyScopeVersions(decision.policyVersion),
});

function candidatesOf(turn: Turn): Candidate[] {
  return turn.steps.flatMap((step, index) =>
    step.span ? [{ index, step, start: Date.parse(step.span.startTime), end: Date.parse(step.span.endTime) }] : [],
  );
}

const narrowest = (candidates: Candidate[]) => candidates.reduce<Candidate | undefined>((best, next) => (!best || next.end - next.start < best.end - best.start ? next : best), undefined);

function byTime(decision: TraceDecision, candidates: Candidate[]): number | undefined {
  const at = Date.parse(decision.createdAt);
  const tool = decision.request.action?.tool;
  if (decision.check === "action" && tool) {
    const calls = candidates.filter((candidate) => candidate.step.kind === "tool" && (candidate.step.span?.toolName ?? candidate.step.span?.name) === tool);
    const holding = narrowest(calls.filter((call) => call.start <= at && at <= call.end));
    const after = calls.find((call) => call.start >= at);
    const before = calls.filter((call) => call.start < at).at(-1);
    const call = holding ?? after ?? before;
    if (call) return call.index;
  }
  if (decision.check === "output") {
    const answer = candidates.find((candidate) => candidate.step.kind === "answer");
    if (answer) return answer.index;
  }
  if (decision.check === "input" && (decision.request.channel ?? "user") === "user") {
    const input = candidates.find((candidate) => candidate.step.kind === "input");
    if (input) return input.index;
  }
  return narrowest(candidates.filter((candidate) => candidate.start <= at && at <= candidate.end))?.index;
}

function place(decision: TraceDecision, turn: Turn): { index: number; link: StepLink } {
  const candidates = candidatesOf(turn);
  const spanId = decision.spanId?.toLowerCase();
  const bySpan = spanId ? candidates.find((candidate) => candidate.step.span?.spanId.toLowerCase() === spanId) : undefined;
  if (bySpan) return { index: bySpan.index, link: "span" };
  const timed = byTime(decision, candidates);
  return timed === undefined ? { index: 0, link: "trace" } : { index: timed, link: "time" };
}

export function placeOnSteps(turns: Turn[], decisions: TraceDecision[]): PlacedTurns {
  const turnOf = new Map(turns.map((turn) => [turn.traceId.toLowerCase(), turn]));
  const placed = new Map<string, StepDecision[][]>(turns.map((turn) => [turn.traceId, turn.steps.map(() => [])]));
  const sessionLevel: StepDecision[] = [];
  for (const decision of decisions) {
    const turn = decision.traceId ? turnOf.get(decision.traceId.toLowerCase()) : undefined;
    if (!turn) {
      sessionLevel.push(annotate(decision, "trace"));
      continue;
    }
    if (turn.agentSlug !== decision.agent.slug) continue;
    const { index, link } = place(decision, turn);
    placed.get(turn.traceId)![index].push(annotate(decision, link));
  }
  return {
    turns: turns.map((turn) => ({ ...turn, steps: turn.steps.map((step, index) => ({ ...step, guard: placed.get(turn.traceId)![index] })) })),
    sessionLevel,
  };
}
