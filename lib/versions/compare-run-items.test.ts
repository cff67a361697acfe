import { describe, expect, it } from "vitest";
import { compareRunItems, type ComparedRunItem } from "./compare-run-items";

const item = (itemId: string, passed: boolean | null, scores: ComparedRunItem["scores"], traceId: string | null = `trace-${itemId}`): ComparedRunItem => ({ itemId, input: `input ${itemId}`, traceId, passed, scores });
const pass = (type: string) => ({ type, passed: true, reason: "ok" });
const fail = (type: string, reason = `${type} failed`) => ({ type, passed: false, reason });

describe("compareRunItems", () => {
  it("lists items that passed on A and failed on B, with B's failing reasons", () => {
    const a = { evaluatorTypes: ["outcome_match", "tool_called"], items: [item("1", true, [pass("outcome_match"), pass("tool_called")]), item("2", true, [pass("outcome_match"), pass("tool_called")]), item("3", false, [fail("outcome_match"), pass("tool_called")]), item("4", true, [pass("outcome_match"), pass("tool_called")])] };
    const b = {
      evaluatorTypes: ["outcome_match", "tool_called"],
      items: [
        item("1", true, [pass("outcome_match"), pass("tool_called")]),
        item("2", false, [fail("outcome_match", "expected approved, got rejected"), pass("tool_called")]),
        item("3", false, [fail("outcome_match"), fail("tool_called")]),
        item("4", false, null, null),
        item("5", false, [fail("outcome_match"), pass("tool_called")]),
      ],
    };
    const result = compareRunItems(a, b);
    expect(result.regressed).toEqual([
      { itemId: "2", input: "input 2", a: { traceId: "trace-2" }, b: { traceId: "trace-2", reasons: [{ type: "outcome_match", reason: "expected approved, got rejected" }] } },
      { itemId: "4", input: "input 4", a: { traceId: "trace-4" }, b: { traceId: null, reasons: [{ type: "result", reason: "No result was reported for this item" }] } },
    ]);
    expect(result.regressedCount).toBe(2);
    const outcome = result.evaluators.find((evaluator) => evaluator.name === "outcome_match")!;
    expect(outcome).toMatchObject({ a: 0.75, b: 0.2, n: { a: 4, b: 5 } });
    expect(outcome.difference).toBeCloseTo(-0.55, 10);
    expect(outcome.low!).toBeLessThan(outcome.high!);
    expect(result.overall.difference).toBeCloseTo(0.2 - 0.75, 10);
  });

  it("leaves an evaluator one run did not have empty on that side", () => {
    const a = { evaluatorTypes: ["outcome_match"], items: [item("1", true, [pass("outcome_match")])] };
    const b = { evaluatorTypes: ["outcome_match", "max_steps"], items: [item("1", true, [pass("outcome_match"), pass("max_steps")])] };
    expect(compareRunItems(a, b).evaluators.find((evaluator) => evaluator.name === "max_steps")).toMatchObject({ a: null, b: 1, difference: null });
  });
});
