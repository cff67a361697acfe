import { describe, expect, it } from "vitest";
import { budgetSchema } from "../policies/document-schema";
import { applyLimits } from "./apply-limits";
import type { BudgetUse } from "../budgets/evaluate-budgets";

const use = (onExceed: "hold" | "deny"): BudgetUse => ({
  rule: { scope: "team:t", label: "department Claims", teamId: "t", budget: budgetSchema.parse({ window: "day", usd: 20, onExceed }) },
  spent: { usd: 21, tokens: 0 },
  limit: { usd: 20 },
  ratio: 1.05,
});
const allow = { verdict: "allow" as const, reasons: [], policyVersion: "agent@2" };
const loop = { code: "loop_detected" as const, message: "looping" };

describe("applyLimits", () => {
  it("leaves the policy's decision alone when no limit is hit", () => {
    expect(applyLimits(allow, { loop: null, exceededBudgets: [] })).toBe(allow);
  });

  it("denies a loop whatever the policy said, keeping the policy's own deny reasons", () => {
    expect(applyLimits(allow, { loop, exceededBudgets: [use("hold")] })).toEqual({ verdict: "deny", reasons: [loop], policyVersion: "agent@2" });
    const outOfScope = { verdict: "deny" as const, reasons: [{ code: "out_of_scope" as const, message: "no" }] };
    expect(applyLimits(outOfScope, { loop, exceededBudgets: [] }).reasons.map((reason) => reason.code)).toEqual(["loop_detected", "out_of_scope"]);
  });

  it("holds an action over a hold budget, for an hour unless a gate said otherwise", () => {
    const held = applyLimits(allow, { loop: null, exceededBudgets: [use("hold")] });
    expect(held).toMatchObject({ verdict: "hold", expiresInSeconds: 3600 });
    expect(held.reasons[0].message).toBe("Department Claims has spent $21.00 of its $20.00 daily budget: a reviewer may grant a one-off extension until the window ends");
    const gated = { verdict: "hold" as const, reasons: [{ code: "approval_required" as const, message: "big" }], expiresInSeconds: 600 };
    expect(applyLimits(gated, { loop: null, exceededBudgets: [use("hold")] })).toMatchObject({ verdict: "hold", expiresInSeconds: 600 });
  });

  it("denies when any exceeded budget says deny, and never turns a policy deny into a hold", () => {
    expect(applyLimits(allow, { loop: null, exceededBudgets: [use("hold"), use("deny")] }).verdict).toBe("deny");
    const denied = { verdict: "deny" as const, reasons: [{ code: "out_of_scope" as const, message: "no" }] };
    expect(applyLimits(denied, { loop: null, exceededBudgets: [use("hold")] })).toBe(denied);
  });
});
