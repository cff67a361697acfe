import { afterEach, describe, expect, it, vi } from "vitest";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { listScenarios, selectScenarios } from "./registry";
import { createSessionPool } from "./sessions";
import { localGuard, virtualClock } from "./local-guard.test-helper";
import { presettableIds } from "./span-ids";
import { createWaitingSessions } from "./waiting";
import { seededProduction, servedFromPlan } from "./served-config.test-helper";
import { claimOutcome, claimOutcomeShares } from "./scenarios/claims-outcomes";
import { defaultPrices } from "../costs/default-prices";
import type { ServedConfig } from "./config-client";
import type { Scenario } from "./types";
import { seededRandom } from "../random/seeded-random";

// The simulated agents behave according to the version the config call serves them. Math.random is
afterEach(() => vi.restoreAllMocks());

async function runTasks(scenario: Scenario, config: ServedConfig, tasks: number, seed = 7) {
  vi.spyOn(Math, "random").mockImplementation(seededRandom(seed));
  const exporter = new InMemorySpanExporter();
  const tracer = new BasicTracerProvider({ idGenerator: presettableIds, spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer("test");
  const sessions = createSessionPool([0, 0]);
  const clock = virtualClock(Date.UTC(2026, 11, 6, 9));
  const guard = localGuard(scenario.agent, "allow", clock);
  const waiting = createWaitingSessions(3);
  for (let index = 0; index < tasks; index++) {
    const session = sessions.take(scenario, clock.now());
    const result = await scenario.run(tracer, { startTime: clock.now(), session, guard: guard.client, clock, waiting, config });
    if (!result.stoppedBy) sessions.release(scenario, session, result.endTime);
    clock.advance(Math.max(0, result.endTime + 1 - clock.now()));
  }
  const spans = exporter.getFinishedSpans();
  return { spans, roots: spans.filter((span) => !span.parentSpanContext), checks: guard.checks };
}

const share = (roots: ReadableSpan[], outcome: string) => roots.filter((root) => root.attributes["controlroom.outcome"] === outcome).length / roots.length;
const modelOf = (span: ReadableSpan) => (span.attributes["gen_ai.request.model"] ?? span.attributes["llm.model_name"] ?? span.attributes["ai.model.id"]) as string | undefined;
const isModelCall = (span: ReadableSpan) => /^(chat |ai\.generateText\.doGenerate)/.test(span.name) || span.attributes["openinference.span.kind"] === "LLM";

describe("the claims agent's approval rate follows the served version's claims guidelines", () => {
  const [claims] = selectScenarios(["claims.adjudicate"]);

  it("is about 85% on v3 (guidelines 2025-11) and about 91% on v4 (guidelines 2026-03), over 1,500 tasks each", async () => {
    const v3 = await runTasks(claims, servedFromPlan("claims-agent", "v3"), 1500);
    const v4 = await runTasks(claims, servedFromPlan("claims-agent", "v4"), 1500);
    expect(v3.roots).toHaveLength(1500);
    // Within 2.5 points of 85% and 91% (about 2.5 standard errors at 1,500 tasks).
    expect(share(v3.roots, "approved")).toBeGreaterThan(0.825);
    expect(share(v3.roots, "approved")).toBeLessThan(0.875);
    expect(share(v4.roots, "approved")).toBeGreaterThan(0.885);
    expect(share(v4.roots, "approved")).toBeLessThan(0.935);
    expect(share(v4.roots, "approved") - share(v3.roots, "approved")).toBeGreaterThan(0.03);
    // Every task ends with a decision of the agent's (the demo policies deny none of them).
    expect(share(v3.roots, "stopped") + share(v4.roots, "stopped")).toBe(0);
  }, 120_000);

  it("v1 and v2 read the same guidelines as v3", () => {
    for (const label of ["v1", "v2", "v3"]) expect(claimOutcomeShares(servedFromPlan("claims-agent", label)).approved).toBe(0.85);
    expect(claimOutcomeShares(servedFromPlan("claims-agent", "v4")).approved).toBe(0.91);
    for (const label of ["v1", "v4"]) {
      const shares = Object.values(claimOutcomeShares(servedFromPlan("claims-agent", label)));
      expect(shares.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 10);
    }
    expect(claimOutcome(servedFromPlan("claims-agent", "v4"), 0.9)).toBe("approved");
    expect(claimOutcome(servedFromPlan("claims-agent", "v3"), 0.9)).not.toBe("approved");
  });

  it("calls the served model, sends the served prompt and names the served version on the root span", async () => {
    for (const [label, model] of [["v1", "claude-sonnet-4-5"], ["v4", "gpt-4.1"]] as const) {
      const config = servedFromPlan("claims-agent", label);
      const { spans, roots } = await runTasks(claims, config, 30);
      expect(new Set(spans.filter(isModelCall).map(modelOf))).toEqual(new Set([model]));
      expect(roots.every((root) => root.attributes["controlroom.version"] === label)).toBe(true);
      const instructions = spans.map((span) => JSON.stringify(span.attributes)).filter((text) => text.includes("Name the policy clause"));
      expect(instructions.length > 0).toBe(label === "v4");
    }
  });
});

describe("every scenario runs the served bundle", () => {
  it.each(listScenarios().map((scenario) => [scenario.name, scenario] as const))("%s: its model calls use the bundle's models", async (_, scenario) => {
    const config = seededProduction(scenario.agent);
    const { spans, roots } = await runTasks(scenario, config, 20);
    const allowed = new Set([config.model, ...["classifierModel", "fallbackClassifierModel", "reviewModel"].map((name) => config.params[name]).filter(Boolean)]);
    const used = new Set(spans.filter(isModelCall).map(modelOf));
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((model) => !allowed.has(model))).toEqual([]);
    expect(roots.every((root) => root.attributes["controlroom.version"] === config.version.label)).toBe(true);
  });
});

// Cost of a task's model calls at the default list prices (the self-hosted model is unpriced: 0 here).
function costPerTask(spans: ReadableSpan[], tasks: number) {
  let usd = 0;
  for (const span of spans.filter(isModelCall)) {
    const price = defaultPrices.find((row) => row.model === modelOf(span));
    if (!price) continue;
    const input = Number(span.attributes["gen_ai.usage.input_tokens"] ?? span.attributes["llm.token_count.prompt"] ?? 0);
    const output = Number(span.attributes["gen_ai.usage.output_tokens"] ?? span.attributes["llm.token_count.completion"] ?? 0);
    usd += (input * price.input + output * price.output) / 1e6;
  }
  return usd / tasks;
}

describe("the support agent's canary", () => {
  it("v3 (answers end with a summary) costs a little more per task than v2 in production", async () => {
    const [support] = selectScenarios(["support.email-triage"]);
    const v2 = await runTasks(support, servedFromPlan("support-agent", "v2"), 600);
    const v3 = await runTasks(support, servedFromPlan("support-agent", "v3", "canary"), 600);
    const ratio = costPerTask(v3.spans, 600) / costPerTask(v2.spans, 600);
    expect(ratio).toBeGreaterThan(1.03);
    expect(ratio).toBeLessThan(1.3);
  }, 120_000);
});
