import { describe, expect, it } from "vitest";
import { evaluatorSchema, evaluatorsSchema, evaluatorTypes, isOnlineEvaluator, onlineEvaluatorTypes } from "./schemas";

function issues(input: unknown): string[] {
  const parsed = evaluatorSchema.safeParse(input);
  expect(parsed.success).toBe(false);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("evaluator settings", () => {
  it("accepts every type with its settings and fills defaults", () => {
    const valid = [
      { type: "outcome_match" },
      { type: "output_contains", text: "approved" },
      { type: "output_exact" },
      { type: "output_regex", pattern: "^claim-\\d+$", flags: "i" },
      { type: "output_json_schema", schema: { type: "object", properties: { amount: { type: "number" } }, required: ["amount"] } },
      { type: "tool_called", name: "claim.approve", params: { amount: 100 } },
      { type: "tool_not_called", name: "claim.approve" },
      { type: "no_guard_deny" },
      { type: "max_cost_usd", max: 0.05 },
      { type: "max_latency_ms", max: 2000 },
      { type: "max_steps", max: 8 },
      { type: "llm_judge", criteria: "Polite and cites the policy" },
    ];
    const parsed = evaluatorsSchema.parse(valid);
    expect(parsed.map((e) => e.type)).toEqual([...evaluatorTypes]);
    expect(parsed[1]).toEqual({ type: "output_contains", text: "approved", caseSensitive: true });
    expect(parsed[2]).toEqual({ type: "output_exact", trim: true });
    expect(parsed[7]).toEqual({ type: "no_guard_deny", includeHolds: false });
    expect(parsed[11]).toEqual({ type: "llm_judge", criteria: "Polite and cites the policy", passScore: 0.7 });
  });

  it("refuses an unknown type", () => {
    const parsed = evaluatorSchema.safeParse({ type: "vibes_check" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path).toEqual(["type"]);
  });

  it("refuses a bad regular expression at parse time, saying why", () => {
    expect(issues({ type: "output_regex", pattern: "(unclosed" })).toEqual([
      expect.stringMatching(/^pattern: Invalid regular expression: .*Unterminated group/),
    ]);
    expect(issues({ type: "output_regex", pattern: "a", flags: "g" })).toEqual([
      "flags: flags may only contain i, m, s and u",
    ]);
    expect(issues({ type: "output_regex", pattern: "" })[0]).toMatch(/^pattern: /);
  });

  it("refuses negative, non-numeric and fractional-step bounds", () => {
    expect(issues({ type: "max_cost_usd", max: -1 })).toEqual(["max: max must be 0 or more (USD)"]);
    expect(issues({ type: "max_latency_ms", max: -5 })).toEqual(["max: max must be 0 or more (milliseconds)"]);
    expect(issues({ type: "max_steps", max: 2.5 })).toEqual(["max: max must be a whole number of steps"]);
    expect(issues({ type: "max_latency_ms", max: "fast" })[0]).toMatch(/^max: /);
    expect(issues({ type: "max_cost_usd" })).toEqual(["max: Required"]);
  });

  it("refuses a JSON Schema that cannot be used", () => {
    expect(issues({ type: "output_json_schema", schema: { type: "nonsense" } })).toEqual([
      "schema: Unsupported or invalid JSON Schema: Unsupported type: nonsense",
    ]);
    expect(issues({ type: "output_json_schema", schema: { $ref: "#/definitions/missing" } })[0]).toMatch(/Reference not found/);
    expect(issues({ type: "output_json_schema", schema: "object" })[0]).toMatch(/^schema: /);
  });

  it("requires tool names, judge criteria and a passScore within 0–1", () => {
    expect(issues({ type: "tool_not_called" })).toEqual(["name: Required"]);
    expect(issues({ type: "tool_not_called", name: "  " })).toEqual(["name: Tool name is required"]);
    expect(issues({ type: "llm_judge", criteria: "" })).toEqual(["criteria: criteria are required"]);
    expect(issues({ type: "llm_judge", criteria: "ok", passScore: 1.5 })).toEqual(["passScore: passScore must be between 0 and 1"]);
  });

  it("refuses a suite without evaluators", () => {
    expect(evaluatorsSchema.safeParse([]).error?.issues[0].message).toBe("A suite needs at least one evaluator");
  });

  it("lists the evaluators that need no expected answer", () => {
    expect([...onlineEvaluatorTypes].sort()).toEqual(
      ["llm_judge", "max_cost_usd", "max_latency_ms", "max_steps", "no_guard_deny", "output_json_schema"].sort(),
    );
    expect(isOnlineEvaluator({ type: "max_steps" })).toBe(true);
    expect(isOnlineEvaluator({ type: "outcome_match" })).toBe(false);
  });
});
