import { describe, expect, it } from "vitest";
import { evaluatorSchema } from "../evaluators/schemas";
import { describeEvaluator, newRow, toEvaluator } from "./evaluator-rows";

describe("evaluator rows", () => {
  it("turn into settings the server's schema accepts", () => {
    const rows = [
      newRow("outcome_match"),
      { ...newRow("tool_called"), name: " claim.approve " },
      { ...newRow("max_steps"), max: "12" },
      { ...newRow("output_regex"), pattern: "^Approved" },
      { ...newRow("output_json_schema"), schema: '{"type":"object"}' },
      { ...newRow("no_guard_deny"), includeHolds: true },
    ];
    for (const row of rows) {
      const result = toEvaluator(row);
      expect("evaluator" in result, JSON.stringify(result)).toBe(true);
      if ("evaluator" in result) expect(evaluatorSchema.safeParse(result.evaluator).success).toBe(true);
    }
    expect(toEvaluator({ ...newRow("tool_called"), name: " claim.approve " })).toEqual({ evaluator: { type: "tool_called", name: "claim.approve" } });
  });

  it("say what is missing instead of sending bad settings", () => {
    expect(toEvaluator({ ...newRow("max_steps"), max: "1.5" })).toEqual({ error: "A whole number of steps" });
    expect(toEvaluator({ ...newRow("max_cost_usd"), max: "" })).toEqual({ error: "Enter a number of 0 or more" });
    expect(toEvaluator({ ...newRow("output_json_schema"), schema: "{" })).toEqual({ error: "The schema is not valid JSON" });
    expect(toEvaluator(newRow("tool_not_called"))).toEqual({ error: "Name the tool" });
    expect(toEvaluator(newRow("llm_judge"))).toEqual({ error: "Describe what a good answer does" });
  });

  it("describe saved settings in one line", () => {
    expect(describeEvaluator({ type: "max_steps", max: 12 })).toBe("max_steps ≤ 12");
    expect(describeEvaluator({ type: "tool_called" })).toBe("tool_called (expected tools)");
  });
});
