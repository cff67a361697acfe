import { describe, expect, it } from "vitest";
import { SpanStatusCode } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { listScenarios, selectScenarios } from "./registry";
import { createSessionPool } from "./sessions";
import { localGuard, virtualClock } from "./local-guard.test-helper";
import { presettableIds } from "./span-ids";
import type { GuardClient } from "./guard-client";
import type { Scenario } from "./types";
import { createWaitingSessions } from "./waiting";
import { seededProduction } from "./served-config.test-helper";
import type { ServedConfig } from "./config-client";

const ms = ([seconds, nanos]: [number, number]) => seconds * 1000 + nanos / 1e6;

// Runs a scenario `runs` times, one after the other, against the real guard decision over the demo
// policies (in process), on a virtual clock.
async function runTurns(scenario: Scenario, runs: number, reviewer: "allow" | "deny" = "allow", config: ServedConfig = seededProduction(scenario.agent)) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ idGenerator: presettableIds, spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer("test");
  const sessions = createSessionPool([0, 0]);
  const clock = virtualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
  const guard = localGuard(scenario.agent, reviewer, clock);
  const waiting = createWaitingSessions(3);
  const outcomes: string[] = [];
  for (let index = 0; index < runs; index++) {
    const now = clock.now();
    const session = sessions.take(scenario, now);
    const result = await scenario.run(tracer, { startTime: now, session, guard: guard.client, clock, waiting, config });
    outcomes.push(result.outcome);
    if (!result.stoppedBy) sessions.release(scenario, session, result.endTime);
    clock.advance(Math.max(0, result.endTime + 1 - clock.now()));
  }
  return { spans: exporter.getFinishedSpans(), checks: guard.checks, outcomes };
}

const byTrace = (spans: ReadableSpan[]) => {
  const traces = new Map<string, ReadableSpan[]>();
  for (const span of spans) traces.set(span.spanContext().traceId, [...(traces.get(span.spanContext().traceId) ?? []), span]);
  return [...traces.values()];
};

describe.each(listScenarios().map((scenario) => [scenario.name, scenario] as const))("scenario %s", async (_, scenario) => {
  const { spans, checks } = await runTurns(scenario, 40);
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

  it("asks the guard before the task, each action and the answer, naming the trace and the gated span", () => {
    const spanIds = new Set(spans.map((span) => span.spanContext().spanId));
    const traceIds = new Set(spans.map((span) => span.spanContext().traceId));
    expect(checks.filter((check) => check.check === "input" && check.channel === "user")).toHaveLength(40);
    for (const check of checks) {
      expect(traceIds.has(check.traceId!)).toBe(true);
      expect(spanIds.has(check.spanId!), `${check.check} ${check.action?.tool ?? ""} names a written span`).toBe(true);
      expect(check.sessionId).toMatch(/^conv_/);
    }
    const actions = checks.filter((check) => check.check === "action");
    expect(actions.length).toBeGreaterThan(0);
    // A retried or follow-up call without a model call in between has no new usage to report.
    expect(actions.filter((check) => (check.usage?.inputTokens ?? 0) > 0).length).toBeGreaterThanOrEqual(actions.length * 0.6);
  });

  it("all attribute values are OTLP-encodable primitives", () => {
    for (const span of spans) {
      for (const value of Object.values(span.attributes)) expect(["string", "number", "boolean", "object"]).toContain(typeof value);
    }
  });
});

describe("sessions", () => {
  it("continue conversations over several turns", async () => {
    const [support] = selectScenarios(["support.email-triage"]);
    const roots = (await runTurns(support, 60)).spans.filter((span) => !span.parentSpanContext);
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
    expect(selectScenarios(["claims", "refund-agent"]).map((scenario) => scenario.name)).toEqual([
      "claims.adjudicate",
      "refunds.process",
      "refunds.loop",
    ]);
    expect(selectScenarios(["procurement"]).map((scenario) => scenario.name)).toEqual(["procurement.purchase", "procurement.large-purchase", "procurement.vendor-review"]);
    expect(selectScenarios(["support.email-triage"])).toHaveLength(1);
    expect(() => selectScenarios(["nope"])).toThrow(/Unknown scenario nope/);
  });
});

describe("the everyday tasks under the demo policies", () => {
  it.each(["claims.adjudicate", "refunds.process", "support.email-triage", "procurement.purchase"])("%s is never denied", async (name) => {
    const [scenario] = selectScenarios([name]);
    const { checks, outcomes } = await runTurns(scenario, 60);
    const denied = checks.filter((check) => check.answer.verdict === "deny");
    expect(denied.map((check) => `${check.check} ${check.action?.tool ?? check.channel}: ${check.answer.reasons[0]?.code}`)).toEqual([]);
    expect(outcomes).not.toContain("stopped");
  });
});

const rootOf = (spans: ReadableSpan[]) => spans.find((span) => !span.parentSpanContext)!;
const toolSpans = (spans: ReadableSpan[], name: string) =>
  spans.filter((span) => [span.attributes["gen_ai.tool.name"], span.attributes["ai.toolCall.name"], span.attributes["tool.name"]].includes(name));

describe("guard verdicts", () => {
  it("a held purchase waits for the reviewer, then is ordered on allow", async () => {
    const [large] = selectScenarios(["procurement.large-purchase"]);
    const { spans, checks, outcomes } = await runTurns(large, 12);
    const held = checks.filter((check) => check.answer.verdict === "hold");
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((check) => check.action?.tool === "purchase.create" && check.action.amount! > 1000)).toBe(true);
    const heldSpans = spans.filter((span) => span.attributes["controlroom.guard.held"] === true);
    expect(heldSpans.length).toBe(held.length);
    // The purchase.create span stays open while the agent waits for the reviewer (45 s here).
    expect(heldSpans.every((span) => (span.attributes["controlroom.guard.held_ms"] as number) >= 45_000)).toBe(true);
    expect(heldSpans.every((span) => ms(span.endTime) - ms(span.startTime) >= 45_000)).toBe(true);
    expect(heldSpans.every((span) => span.attributes["controlroom.guard.verdict"] === "allow")).toBe(true);
    // (3% of orders fail in the ERP after the approval.)
    expect(outcomes.filter((outcome) => outcome === "ordered" || outcome === "failed").length).toBeGreaterThanOrEqual(held.length);
    expect(outcomes).not.toContain("not_approved");
  });

  it("a held purchase the reviewer rejects is not made: its span records the deny and the task ends not_approved", async () => {
    const [large] = selectScenarios(["procurement.large-purchase"]);
    const { spans, checks, outcomes } = await runTurns(large, 12, "deny");
    const held = checks.filter((check) => check.answer.verdict === "hold").length;
    expect(held).toBeGreaterThan(0);
    expect(outcomes.filter((outcome) => outcome === "not_approved")).toHaveLength(held);
    const blocked = toolSpans(spans, "purchase.create").filter((span) => span.attributes["controlroom.guard.verdict"] === "deny");
    expect(blocked).toHaveLength(held);
    expect(blocked.every((span) => span.status.code === SpanStatusCode.ERROR)).toBe(true);
  });

  it("a looping refund agent stops when the guard answers loop_detected, and asks no more", async () => {
    const exporter = new InMemorySpanExporter();
    const tracer = new BasicTracerProvider({ idGenerator: presettableIds, spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer("test");
    const seen = new Map<string, number>();
    let stoppedSession = false;
    const asked: string[] = [];
    // The loop breaker's contract: the 4th identical call within the window is denied, and so is every
    // later check of that session.
    const guard: GuardClient = {
      async check(request) {
        asked.push(request.check);
        const key = JSON.stringify(request.action ?? null);
        if (request.action) seen.set(key, (seen.get(key) ?? 0) + 1);
        if (stoppedSession || (request.action && seen.get(key)! > 3)) {
          stoppedSession = true;
          return { decisionId: "d", verdict: "deny", reasons: [{ code: "loop_detected", message: "orders.lookup 4 times in 120 s" }] };
        }
        return { decisionId: "d", verdict: "allow", reasons: [] };
      },
      decision: async () => ({ decisionId: "d", verdict: "allow", reasons: [] }),
    };
    const [loop] = selectScenarios(["refunds.loop"]);
    const clock = virtualClock(Date.UTC(2026, 10, 24, 9));
    const session = createSessionPool([0, 0]).take(loop, clock.now());
    const result = await loop.run(tracer, { startTime: clock.now(), session, guard, clock, waiting: createWaitingSessions(3), config: seededProduction("refund-agent") });
    expect(result).toMatchObject({ outcome: "stopped", stoppedBy: "loop_detected" });
    const spans = exporter.getFinishedSpans();
    const lookups = toolSpans(spans, "orders.lookup");
    expect(lookups).toHaveLength(4);
    expect(lookups[3].attributes["controlroom.guard.reason"]).toBe("loop_detected");
    expect(rootOf(spans).attributes["controlroom.outcome"]).toBe("stopped");
    expect(asked.filter((check) => check === "action")).toHaveLength(4); // nothing after the deny
    expect(asked).not.toContain("output");
  });

  it("an injected email is flagged as prompt_injection; the naive agent's exfiltration is denied out_of_scope", async () => {
    const [injected] = selectScenarios(["support.injected-email"]);
    const { checks, outcomes } = await runTurns(injected, 30);
    const flagged = checks.filter((check) => check.check === "input" && check.channel === "tool" && check.answer.verdict === "deny");
    expect(flagged).toHaveLength(30);
    expect(flagged.every((check) => check.answer.reasons[0].code === "prompt_injection")).toBe(true);
    const exfiltration = checks.filter((check) => check.action && ["customers.export", "email.forward"].includes(check.action.tool));
    expect(exfiltration.length).toBeGreaterThan(0);
    expect(exfiltration.every((check) => check.answer.verdict === "deny" && check.answer.reasons[0].code === "out_of_scope")).toBe(true);
    expect(outcomes.filter((outcome) => outcome === "stopped")).toHaveLength(exfiltration.length);
    expect(outcomes.filter((outcome) => outcome === "quarantined")).toHaveLength(30 - exfiltration.length);
    expect(outcomes).not.toContain("data_exfiltrated");
  });

  it("a budget deny stops the spend burst before its expensive steps run", async () => {
    const exporter = new InMemorySpanExporter();
    const tracer = new BasicTracerProvider({ idGenerator: presettableIds, spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer("test");
    const usage: number[] = [];
    const guard: GuardClient = {
      async check(request) {
        if (request.check !== "action") return { decisionId: "d", verdict: "allow", reasons: [] };
        usage.push(request.usage?.inputTokens ?? 0);
        return usage.length < 2
          ? { decisionId: "d", verdict: "allow", reasons: [] }
          : { decisionId: "d", verdict: "deny", reasons: [{ code: "budget_exceeded", message: "Procurement: 15 USD a day" }] };
      },
      decision: async () => ({ decisionId: "d", verdict: "allow", reasons: [] }),
    };
    const [burst] = selectScenarios(["procurement.vendor-review"]);
    const clock = virtualClock(Date.UTC(2026, 10, 24, 9));
    const session = createSessionPool([0, 0]).take(burst, clock.now());
    const result = await burst.run(tracer, { startTime: clock.now(), session, guard, clock, waiting: createWaitingSessions(3), config: seededProduction("procurement-agent") });
    expect(result).toMatchObject({ outcome: "stopped", stoppedBy: "budget_exceeded" });
    expect(usage[0]).toBeGreaterThan(50_000); // the batch's tokens are reported with the action they led to
    expect(exporter.getFinishedSpans().filter((span) => span.name.startsWith("chat "))).toHaveLength(2);
  });
});
