import { describe, expect, it } from "vitest";
import { buildTurns, type TurnSpan, type TurnTrace } from "../traces/session-turns";
import { decidingRule, policyScopeVersions } from "./deciding-rule";
import type { TraceDecision } from "./guard-decision-view";
import { placeOnSteps } from "./place-on-steps";

const t0 = Date.parse("2026-01-01T10:00:00.000Z");
const at = (ms: number) => new Date(t0 + ms).toISOString();

const trace = (traceId: string, agentSlug = "refund-agent"): TurnTrace => ({
  traceId,
  rootSpanId: `${traceId}-root`,
  name: "invoke_agent",
  agentSlug,
  startTime: at(0),
  endTime: at(1000),
  status: "ok",
  outcome: null,
  version: "v2",
});

const span = (spanId: string, kind: TurnSpan["kind"], start: number, end: number, extra: Partial<TurnSpan> = {}): TurnSpan => ({
  spanId,
  parentSpanId: spanId.endsWith("root") ? null : "t1-root",
  name: spanId,
  kind,
  startTime: at(start),
  endTime: at(end),
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
  ...extra,
});

const decision = (decisionId: string, fields: Partial<TraceDecision>): TraceDecision => ({
  decisionId,
  agent: { slug: "refund-agent" },
  sessionId: "s",
  traceId: "t1",
  spanId: null,
  check: "action",
  workflow: null,
  decisionType: null,
  verdict: "allow",
  status: "decided",
  finalVerdict: null,
  outcome: "allow",
  reasons: [],
  request: { budgets: [] },
  policyVersion: "agent@3",
  version: "v2",
  latencyMs: 1,
  createdAt: at(0),
  expiresAt: null,
  decidedAt: null,
  decidedBy: null,
  note: null,
  ...fields,
});

// Steps of t1: 0 input (root), 1 model call, 2 refunds.issue (100–200 ms), 3 refunds.issue (400–500 ms), 4 answer (root).
const spans = [
  span("t1-root", "agent", 0, 1000, { input: "refund order 7", output: "done" }),
  span("llm", "llm", 10, 90, { model: "gpt" }),
  span("tool-a", "tool", 100, 200, { toolName: "refunds.issue" }),
  span("tool-b", "tool", 400, 500, { toolName: "refunds.issue" }),
];
const turns = buildTurns([trace("t1")], new Map([["t1", spans]]));
const refund = { tool: "refunds.issue", amount: 300 };
const idsOn = (placed: ReturnType<typeof placeOnSteps>, step: number) => placed.turns[0].steps[step].guard?.map((entry) => `${entry.decisionId}:${entry.link}`);

describe("placeOnSteps", () => {
  it("places by span id first, then by tool and time within the trace, then on the turn's first step", () => {
    const placed = placeOnSteps(turns, [
      decision("by-span", { spanId: "TOOL-B", request: { action: refund, budgets: [] } }),
      decision("inside-a", { traceId: "T1", createdAt: at(150), request: { action: refund, budgets: [] } }),
      decision("before-b", { createdAt: at(300), request: { action: refund, budgets: [] } }),
      decision("after-all", { createdAt: at(900), request: { action: refund, budgets: [] } }),
      decision("input", { check: "input", createdAt: at(2), request: { channel: "user", budgets: [] } }),
      decision("output", { check: "output", createdAt: at(990), request: { budgets: [] } }),
      decision("other-tool", { createdAt: at(-5000), request: { action: { tool: "mail.send" }, budgets: [] } }),
    ]);
    expect(idsOn(placed, 0)).toEqual(["input:time", "other-tool:trace"]);
    expect(idsOn(placed, 1)).toEqual([]);
    expect(idsOn(placed, 2)).toEqual(["inside-a:time"]);
    expect(idsOn(placed, 3)).toEqual(["by-span:span", "before-b:time", "after-all:time"]);
    expect(idsOn(placed, 4)).toEqual(["output:time"]);
    expect(placed.sessionLevel).toEqual([]);
  });

  it("leaves out another agent's decision on this trace and keeps decisions of unreplayed traces session-level", () => {
    const placed = placeOnSteps(turns, [
      decision("planted", { agent: { slug: "intruder" }, spanId: "tool-a" }),
      decision("elsewhere", { traceId: "t9" }),
      decision("no-trace", { traceId: null }),
    ]);
    expect(placed.turns[0].steps.flatMap((step) => step.guard ?? [])).toEqual([]);
    expect(placed.sessionLevel.map((entry) => entry.decisionId)).toEqual(["elsewhere", "no-trace"]);
  });

  it("annotates the deciding rule and the policy scopes", () => {
    const held = decision("held", {
      spanId: "tool-a",
      verdict: "hold",
      outcome: "pending",
      policyVersion: "agent@3 workflow:refunds@1",
      reasons: [{ code: "approval_required", message: 'Held for a reviewer by gate "large-refund": calls to refunds.issue' }],
      request: { action: refund, budgets: [] },
    });
    const [placedHeld] = placeOnSteps(turns, [held]).turns[0].steps[2].guard!;
    expect(placedHeld.rule).toEqual({ id: "gates:large-refund", label: "Gate large-refund" });
    expect(placedHeld.policyScopes).toEqual([
      { scopeKey: "agent", version: 3 },
      { scopeKey: "workflow:refunds", version: 1 },
    ]);
  });
});

describe("decidingRule", () => {
  const rule = (fields: Partial<TraceDecision>) => decidingRule(decision("d", fields));

  it("names the part of the policy that decided", () => {
    expect(rule({ request: { action: refund, budgets: [] } })).toEqual({ id: "tools:refunds.issue", label: "Tool rule refunds.issue: listed, no gate matched" });
    expect(rule({ verdict: "deny", reasons: [{ code: "policy_rule", message: "refunds.issue: amount must satisfy ≤ 500" }], request: { action: refund, budgets: [] } }).id).toBe(
      "tools:refunds.issue.constraints",
    );
    expect(rule({ verdict: "deny", reasons: [{ code: "out_of_scope", message: 'Tool "x" is outside the scope' }], request: { action: { tool: "x" }, budgets: [] } }).id).toBe("tools");
    expect(rule({ verdict: "deny", reasons: [{ code: "out_of_scope", message: "Resource db is outside" }], request: { action: refund, budgets: [] } }).id).toBe("resources");
    expect(rule({ check: "input", verdict: "deny", reasons: [{ code: "prompt_injection", message: "…" }], request: { channel: "tool", budgets: [] } }).id).toBe(
      "screening.input.tool",
    );
    expect(rule({ check: "output", verdict: "deny", reasons: [{ code: "sensitive_output", message: "…" }] }).id).toBe("screening.output");
    expect(rule({ verdict: "deny", reasons: [{ code: "loop_detected", message: "…" }], request: { action: refund, budgets: [] } }).id).toBe("loopBreaker");
    expect(rule({ verdict: "deny", reasons: [{ code: "agent_paused", message: "…" }] })).toEqual({ id: null, label: "The agent was paused (no policy rule)" });
    expect(rule({ verdict: "deny", reasons: [{ code: "policy_rule", message: "Control Room could not decide (fail mode closed)" }] }).id).toBe("failMode");
  });

  it("reads policy versions and skips what it cannot read", () => {
    expect(policyScopeVersions("workflow:intake+decisionType:claim.approve@2")).toEqual([{ scopeKey: "workflow:intake+decisionType:claim.approve", version: 2 }]);
    expect(policyScopeVersions(null)).toEqual([]);
    expect(policyScopeVersions("agent@x @3 agent@2")).toEqual([{ scopeKey: "agent", version: 2 }]);
  });
});
