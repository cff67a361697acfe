import type { StepDecision } from "../guard/guard-decision-view";
import type { SpanKind, SpanStatus } from "./span-model";
import { durationBetween } from "./trace-view";

// A session replay is a list of turns (one per trace, in the order they started); each turn is the
// steps a person reads through: what came in, what the model thought, which tools it called with
// what, what it retrieved, and what it answered. Pure, so the ordering rules are unit-tested.

export type TurnSpan = {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: SpanKind;
  startTime: string;
  endTime: string;
  status: SpanStatus;
  statusMessage: string | null;
  model: string | null;
  toolName: string | null;
  input: string | null;
  output: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  reasoningTokens: number | null;
  costUsd: number | null;
};

export type TurnTrace = {
  traceId: string;
  rootSpanId: string | null;
  name: string;
  agentSlug: string;
  startTime: string;
  endTime: string;
  status: SpanStatus;
  outcome: string | null;
  /** The agent version (label) that ran this turn; null when unknown. */
  version: string | null;
};

export const replayStepKinds = ["input", "thought", "tool", "retrieval", "agent", "error", "answer", "empty"] as const;
export type ReplayStepKind = (typeof replayStepKinds)[number];

export type ReplayStep = {
  kind: ReplayStepKind;
  label: string;
  traceId: string;
  /** Null only for "empty" (a turn whose spans have not arrived). */
  span: (TurnSpan & { durationMs: number }) | null;
  /** The guard decisions placed on this step (lib/guard/place-on-steps.ts); absent until joined. */
  guard?: StepDecision[];
};

export type Turn = TurnTrace & { number: number; steps: ReplayStep[] };

const hasText = (value: string | null): value is string => value !== null && value.trim().length > 0;

const byStart = <T extends { startTime: string }>(a: T, b: T, tieA: string, tieB: string) =>
  Date.parse(a.startTime) - Date.parse(b.startTime) || tieA.localeCompare(tieB);

function rootOf(trace: TurnTrace, spans: TurnSpan[]): TurnSpan | undefined {
  const ids = new Set(spans.map((span) => span.spanId));
  return (
    spans.find((span) => span.spanId === trace.rootSpanId) ??
    spans.find((span) => span.parentSpanId === null || !ids.has(span.parentSpanId)) ??
    spans[0]
  );
}

function labelFor(kind: ReplayStepKind, span: TurnSpan | null): string {
  switch (kind) {
    case "input":
      return "Input";
    case "answer":
      return "Answer";
    case "thought":
      return span?.model ? `Model call · ${span.model}` : "Model call";
    case "tool":
      return `Tool · ${span?.toolName ?? span?.name ?? "unnamed"}`;
    case "retrieval":
      return `Retrieval · ${span?.name ?? ""}`.trim();
    case "agent":
      return `Sub-agent · ${span?.name ?? ""}`.trim();
    case "error":
      return `Error · ${span?.name ?? ""}`.trim();
    case "empty":
      return "No spans recorded";
  }
}

const step = (kind: ReplayStepKind, traceId: string, span: TurnSpan | null): ReplayStep => ({
  kind,
  label: labelFor(kind, span),
  traceId,
  span: span ? { ...span, durationMs: durationBetween(span.startTime, span.endTime) } : null,
});

const bodyKind: Partial<Record<SpanKind, ReplayStepKind>> = { llm: "thought", tool: "tool", retrieval: "retrieval", agent: "agent" };

export function stepsOfTrace(trace: TurnTrace, unorderedSpans: TurnSpan[]): ReplayStep[] {
  const spans = [...unorderedSpans].sort((a, b) => byStart(a, b, a.spanId, b.spanId));
  const root = rootOf(trace, spans);
  if (!root) return [step("empty", trace.traceId, null)];

  const steps: ReplayStep[] = [];
  // What came in: the root's input, else the first agent/workflow span's, else the first model call's.
  const inputSource = [root, ...spans.filter((span) => span.kind === "agent" || span.kind === "workflow"), ...spans.filter((span) => span.kind === "llm")]
    .find((span) => hasText(span.input));
  if (inputSource) steps.push(step("input", trace.traceId, inputSource));

  for (const span of spans) {
    if (span === root) continue;
    const kind = bodyKind[span.kind] ?? (span.status === "error" ? "error" : undefined);
    if (kind) steps.push(step(kind, trace.traceId, span));
  }

  // What it answered: the root's output, else the last model call's output becomes the answer.
  if (hasText(root.output)) {
    steps.push(step("answer", trace.traceId, root));
  } else {
    const lastThought = steps.findLastIndex((candidate) => candidate.kind === "thought" && hasText(candidate.span?.output ?? null));
    if (lastThought >= 0) {
      const [answer] = steps.splice(lastThought, 1);
      steps.push({ ...answer, kind: "answer", label: labelFor("answer", answer.span) });
    } else if (root.status === "error") {
      steps.push(step("error", trace.traceId, root));
    }
  }
  return steps.length > 0 ? steps : [step("empty", trace.traceId, null)];
}

export function buildTurns(traces: TurnTrace[], spansByTrace: Map<string, TurnSpan[]>): Turn[] {
  return [...traces]
    .sort((a, b) => byStart(a, b, a.traceId, b.traceId))
    .map((trace, index) => ({ ...trace, number: index + 1, steps: stepsOfTrace(trace, spansByTrace.get(trace.traceId) ?? []) }));
}

export type FlatStep = ReplayStep & { turnNumber: number; stepNumber: number };

export function flattenSteps(turns: Turn[]): FlatStep[] {
  const flat: FlatStep[] = [];
  for (const turn of turns) {
    for (const item of turn.steps) flat.push({ ...item, turnNumber: turn.number, stepNumber: flat.length + 1 });
  }
  return flat;
}

// ?step= from the URL, clamped to the steps that exist (1-based).
export function clampStep(raw: string | number | null | undefined, total: number): number {
  const value = typeof raw === "number" ? raw : Number.parseInt(raw ?? "", 10);
  if (total === 0) return 0;
  if (!Number.isFinite(value) || value < 1) return 1;
  return Math.min(Math.trunc(value), total);
}
