import { describe, expect, it } from "vitest";
import { backtestRange, replayDecision, type RecordedDecision } from "./backtest-policy";
import { policySet } from "./load-policies";
import type { PolicyDocumentInput } from "./document-schema";
import { policyDocumentSchema } from "./document-schema";
import { AppError } from "../errors/app-error";

const agent = "shop-agent";
const set = (...documents: Omit<PolicyDocumentInput, "scope">[]) => policySet(agent, documents.map((document) => policyDocumentSchema.parse({ scope: { agent }, ...document })));
const live = set({ tools: [{ tool: "purchase.create" }] });
const decision = (overrides: Partial<RecordedDecision>): RecordedDecision => ({
  check: "action",
  workflow: null,
  decisionType: null,
  verdict: "allow",
  reasons: [],
  request: { action: { tool: "purchase.create", amount: 10 }, budgets: [] },
  ...overrides,
});

describe("replayDecision", () => {
  const denyAll = set({ tools: [] });

  it("keeps verdicts that come from state: budgets, the loop breaker, a pause, an outage", () => {
    const cases: [string, string, string][] = [
      ["budget_exceeded", "Agent budget of the day: $10 of $5 spent", "budget"],
      ["loop_detected", "Same call 6 times within 60 s", "loop"],
      ["agent_paused", "Agent shop-agent is paused", "paused"],
      ["policy_rule", "Control Room could not decide (fail mode closed)", "undecided"],
      ["policy_rule", "Control Room could not check budgets and loops (fail mode open)", "undecided"],
    ];
    for (const [code, message, kept] of cases) {
      expect(replayDecision(decision({ verdict: "deny", reasons: [{ code: code as never, message }] }), agent, live, denyAll)).toEqual({ kept });
    }
    // A policy_rule from a constraint is the policy's own: replayed.
    expect(replayDecision(decision({ verdict: "deny", reasons: [{ code: "policy_rule", message: "amount must be ≤ 5" }] }), agent, live, live)).toEqual({
      verdict: "allow",
      reasons: [],
    });
  });

  it("evaluates actions against the draft, and keeps a row whose action was not stored", () => {
    expect(replayDecision(decision({}), agent, live, denyAll)).toMatchObject({ verdict: "deny", reasons: [{ code: "out_of_scope" }] });
    expect(replayDecision(decision({ request: { budgets: [] } }), agent, live, denyAll)).toEqual({ kept: "incomplete" });
  });

  it("replays output screening only when the draft screens as live does or not at all", () => {
    const output = decision({ check: "output", verdict: "deny", reasons: [{ code: "sensitive_output", message: "A card number" }], request: { textExcerpt: "[number]", budgets: [] } });
    expect(replayDecision(output, agent, live, live)).toEqual({ verdict: "deny", reasons: output.reasons });
    const off = set({ tools: [{ tool: "purchase.create" }], screening: { output: { secrets: false, cards: false, iban: false, emails: false, phones: false, outOfScopeActions: false } } });
    expect(replayDecision(output, agent, live, off)).toEqual({ verdict: "allow", reasons: [] });
    const emails = set({ tools: [{ tool: "purchase.create" }], screening: { output: { emails: true } } });
    expect(replayDecision(output, agent, live, emails)).toEqual({ kept: "screening" });
    // Out-of-scope action screening depends on the tools listed.
    expect(replayDecision(output, agent, live, set({ tools: [{ tool: "purchase.create" }, { tool: "catalog.search" }] }))).toEqual({ kept: "screening" });
  });

  it("input screening: same settings keep the verdict, off allows, turning it on cannot be judged", () => {
    const input = decision({ check: "input", request: { channel: "tool", textExcerpt: "hello", budgets: [] } });
    expect(replayDecision(input, agent, live, live)).toEqual({ verdict: "allow", reasons: [] });
    const liveOff = set({ tools: [], screening: { input: { tool: { enabled: false } } } });
    expect(replayDecision(input, agent, liveOff, set({ tools: [] }))).toEqual({ kept: "screening" });
  });
});

describe("backtestRange", () => {
  const now = new Date("2026-12-06T12:00:00Z");
  it("defaults to the 7 days before now (or before to)", () => {
    expect(backtestRange(undefined, undefined, now)).toEqual({ from: new Date("2026-11-29T12:00:00Z"), to: now });
    expect(backtestRange(undefined, "2026-12-01T00:00:00Z", now).from).toEqual(new Date("2026-11-24T00:00:00Z"));
  });
  it("refuses from at or after to, and more than 90 days", () => {
    expect(() => backtestRange("2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z", now)).toThrow(AppError);
    expect(() => backtestRange("2026-08-01T00:00:00Z", "2026-12-01T00:00:00Z", now)).toThrow(/at most 90 days/);
    expect(backtestRange("2026-09-02T00:00:00Z", "2026-12-01T00:00:00Z", now).from).toEqual(new Date("2026-09-02T00:00:00Z"));
  });
});
