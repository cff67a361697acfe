import { describe, expect, it } from "vitest";
import { buildTurns, clampStep, flattenSteps, stepsOfTrace, type TurnSpan, type TurnTrace } from "./session-turns";

const t0 = Date.parse("2026-01-01T10:00:00.000Z");
const at = (ms: number) => new Date(t0 + ms).toISOString();

const trace = (traceId: string, startMs: number, rootSpanId: string | null = "root"): TurnTrace => ({
  traceId,
  rootSpanId,
  name: "invoke_agent claims",
  agentSlug: "claims-agent",
  startTime: at(startMs),
  endTime: at(startMs + 1000),
  status: "ok",
  outcome: null,
  version: null,
});

const span = (spanId: string, overrides: Partial<TurnSpan> & { start: number }): TurnSpan => ({
  spanId,
  parentSpanId: "root",
  name: spanId,
  kind: "other",
  startTime: at(overrides.start),
  endTime: at(overrides.start + 10),
  status: "ok",
  statusMessage: null,
  model: null,
  toolName: null,
  input: null,
  output: null,
  inputTokens: null,
  outputTokens: null,
  reasoningTokens: null,
  costUsd: null,
  ...overrides,
});

describe("stepsOfTrace", () => {
  it("reads input, thoughts, tool calls, retrievals and the answer in start order", () => {
    const steps = stepsOfTrace(trace("t1", 0), [
      span("tool", { start: 300, kind: "tool", toolName: "lookup_policy", input: '{"id":1}', output: '{"ok":true}' }),
      span("root", { start: 0, parentSpanId: null, kind: "agent", input: "Is claim 7 covered?", output: "Yes, it is covered." }),
      span("llm-1", { start: 100, kind: "llm", model: "gpt-4o", input: "[...]", output: "call lookup_policy" }),
      span("retrieve", { start: 200, kind: "retrieval", input: "claim 7" }),
      span("llm-2", { start: 400, kind: "llm", model: "gpt-4o", output: "It is covered" }),
      span("noise", { start: 250, kind: "workflow" }),
    ]);
    expect(steps.map((step) => [step.kind, step.span?.spanId])).toEqual([
      ["input", "root"],
      ["thought", "llm-1"],
      ["retrieval", "retrieve"],
      ["tool", "tool"],
      ["thought", "llm-2"],
      ["answer", "root"],
    ]);
    expect(steps[3].label).toBe("Tool · lookup_policy");
    expect(steps[1].label).toBe("Model call · gpt-4o");
  });

  it("takes the last model output as the answer when the root has none, and input from the first model call", () => {
    const steps = stepsOfTrace(trace("t1", 0), [
      span("root", { start: 0, parentSpanId: null, kind: "agent" }),
      span("llm-1", { start: 100, kind: "llm", input: "hello", output: "thinking" }),
      span("tool", { start: 200, kind: "tool", toolName: "search" }),
      span("llm-2", { start: 300, kind: "llm", output: "final words" }),
    ]);
    expect(steps.map((step) => [step.kind, step.span?.spanId])).toEqual([
      ["input", "llm-1"],
      ["thought", "llm-1"],
      ["tool", "tool"],
      ["answer", "llm-2"],
    ]);
  });

  it("shows a failed span of another kind as an error step and a failed root with no answer", () => {
    const steps = stepsOfTrace(trace("t1", 0), [
      span("root", { start: 0, parentSpanId: null, kind: "agent", status: "error", statusMessage: "boom", input: "go" }),
      span("step", { start: 100, kind: "other", status: "error", statusMessage: "timeout" }),
    ]);
    expect(steps.map((step) => step.kind)).toEqual(["input", "error", "error"]);
    expect(steps[2].span?.statusMessage).toBe("boom");
  });

  it("makes a single model-call trace into input and answer", () => {
    const steps = stepsOfTrace(trace("t1", 0, null), [span("only", { start: 0, parentSpanId: null, kind: "llm", input: "q", output: "a" })]);
    expect(steps.map((step) => step.kind)).toEqual(["input", "answer"]);
  });

  it("gives a turn without spans one placeholder step", () => {
    expect(stepsOfTrace(trace("t1", 0), []).map((step) => step.kind)).toEqual(["empty"]);
  });
});

describe("buildTurns and flattenSteps", () => {
  it("orders turns by start time and numbers steps across the session", () => {
    const spans = new Map<string, TurnSpan[]>([
      ["late", [span("root", { start: 5000, parentSpanId: null, kind: "agent", input: "second", output: "two" })]],
      ["early", [span("root", { start: 0, parentSpanId: null, kind: "agent", input: "first", output: "one" })]],
    ]);
    const turns = buildTurns([trace("late", 5000), trace("early", 0)], spans);
    expect(turns.map((turn) => [turn.number, turn.traceId])).toEqual([
      [1, "early"],
      [2, "late"],
    ]);
    const steps = flattenSteps(turns);
    expect(steps.map((step) => [step.stepNumber, step.turnNumber, step.kind, step.span?.input ?? step.span?.output])).toEqual([
      [1, 1, "input", "first"],
      [2, 1, "answer", "first"],
      [3, 2, "input", "second"],
      [4, 2, "answer", "second"],
    ]);
  });
});

describe("clampStep", () => {
  it("keeps ?step= within the steps that exist", () => {
    expect(clampStep("3", 12)).toBe(3);
    expect(clampStep("99", 12)).toBe(12);
    expect(clampStep("0", 12)).toBe(1);
    expect(clampStep("abc", 12)).toBe(1);
    expect(clampStep(null, 12)).toBe(1);
    expect(clampStep("2", 0)).toBe(0);
  });
});
