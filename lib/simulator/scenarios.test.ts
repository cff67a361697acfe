import { describe, expect, it } from "vitest";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { listScenarios, selectScenarios } from "./registry";
import { createSessionPool } from "./sessions";
import type { Scenario } from "./types";

const ms = ([seconds, nanos]: [number, number]) => seconds * 1000 + nanos / 1e6;

function runTurns(scenario: Scenario, runs: number) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer("test");
  const sessions = createSessionPool([0, 0]);
  let now = Date.UTC(2026, 10, 24, 9, 0, 0);
  for (let index = 0; index < runs; index++) {
    const session = sessions.take(scenario, now);
    const result = scenario.run(tracer, { startTime: now, session });
    sessions.release(scenario, session, result.endTime);
    now = result.endTime + 1;
  }
  return exporter.getFinishedSpans();
}

const byTrace = (spans: ReadableSpan[]) => {
  const traces = new Map<string, ReadableSpan[]>();
  for (const span of spans) traces.set(span.spanContext().traceId, [...(traces.get(span.spanContext().traceId) ?? []), span]);
  return [...traces.values()];
};

describe.each(listScenarios().map((scenario) => [scenario.name, scenario] as const))("scenario %s", (_, scenario) => {
  const spans = runTurns(scenario, 40);
  const traces = byTrace(spans);

  it("writes one invoke_agent root per trace with the agent, outcome and session", () => {
    expect(traces).toHaveLength(40);
    for (const trace of traces) {
      const roots = trace.filter((span) => !span.parentSpanContext);
      expect(roots).toHaveLength(1);
      expect(roots[0].name).toBe(`invoke_agent ${scenario.agent}`);
      expect(roots[0].attributes["gen_ai.agent.name"]).toBe(scenario.agent);
      expect(roots[0].attributes["controlroom.outcome"]).toEqual(expect.any(String));
      expect(roots[0].attributes["gen_ai.conversation.id"] ?? roots[0].attributes["session.id"]).toMatch(/^conv_/);
    }
  });

  it("keeps every child inside its parent's time and the trace multi-step", () => {
    for (const trace of traces) {
      expect(trace.length).toBeGreaterThanOrEqual(4);
      const byId = new Map(trace.map((span) => [span.spanContext().spanId, span]));
      for (const span of trace) {
        expect(ms(span.endTime)).toBeGreaterThanOrEqual(ms(span.startTime));
        const parent = span.parentSpanContext && byId.get(span.parentSpanContext.spanId);
        if (span.parentSpanContext) expect(parent, `parent of ${span.name}`).toBeDefined();
        if (parent) {
          expect(ms(span.startTime)).toBeGreaterThanOrEqual(ms(parent.startTime));
          expect(ms(span.endTime)).toBeLessThanOrEqual(ms(parent.endTime));
        }
      }
    }
  });

  it("reports token usage on model calls in some dialect", () => {
    const tokenKeys = ["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens", "llm.token_count.prompt", "ai.usage.promptTokens"];
    const withTokens = spans.filter((span) => tokenKeys.some((key) => typeof span.attributes[key] === "number"));
    expect(withTokens.length).toBeGreaterThan(40);
  });

  it("all attribute values are OTLP-encodable primitives", () => {
    for (const span of spans) {
      for (const value of Object.values(span.attributes)) expect(["string", "number", "boolean", "object"]).toContain(typeof value);
    }
  });
});

describe("sessions", () => {
  it("continue conversations over several turns", () => {
    const [support] = selectScenarios(["support"]);
    const roots = runTurns(support, 60).filter((span) => !span.parentSpanContext);
    const turns = new Map<string, number>();
    for (const root of roots) {
      const id = String(root.attributes["gen_ai.conversation.id"] ?? root.attributes["session.id"]);
      turns.set(id, (turns.get(id) ?? 0) + 1);
    }
    expect(Math.max(...turns.values())).toBeGreaterThan(1);
  });
});

describe("selectScenarios", () => {
  it("matches names, prefixes and agent slugs, and refuses unknown ones", () => {
    expect(selectScenarios(["claims", "refund-agent"]).map((scenario) => scenario.name)).toEqual(["claims.adjudicate", "refunds.process"]);
    expect(selectScenarios(["support.email-triage"])).toHaveLength(1);
    expect(() => selectScenarios(["nope"])).toThrow(/Unknown scenario nope/);
  });
});
