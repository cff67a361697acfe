import { describe, expect, it } from "vitest";
import { budgetSchema } from "../policies/document-schema";
import { describeBudgetUse, evaluateBudgets, type BudgetRule } from "./evaluate-budgets";
import { totalsKey } from "./spend-store";

const rule = (budget: Record<string, unknown>, scope = "team:t1"): BudgetRule => ({
  scope,
  label: "department Claims",
  budget: budgetSchema.parse(budget),
  teamId: "t1",
});
const totals = (scope: string, window: "day" | "week" | "month", usd: number, tokens = 0) => new Map([[totalsKey(scope, window), { usd, tokens }]]);

describe("evaluateBudgets", () => {
  const daily = rule({ window: "day", usd: 20 });

  it("lets a call through while its own usage keeps the spend within the limit", () => {
    expect(evaluateBudgets([daily], totals("team:t1", "day", 20), { usd: 1, tokens: 0 }).exceeded).toEqual([]);
    expect(evaluateBudgets([daily], totals("team:t1", "day", 20.01), { usd: 1.01, tokens: 0 }).exceeded).toHaveLength(1);
  });

  it("stops the next action once the limit is reached, even without usage of its own", () => {
    expect(evaluateBudgets([daily], totals("team:t1", "day", 20), { usd: 0, tokens: 0 }).exceeded).toHaveLength(1);
    expect(evaluateBudgets([daily], totals("team:t1", "day", 19.99), { usd: 0, tokens: 0 }).exceeded).toEqual([]);
  });

  it("counts tokens and USD limits separately and reads only the budget's window", () => {
    const both = rule({ window: "month", usd: 100, tokens: 1000 });
    expect(evaluateBudgets([both], totals("team:t1", "month", 5, 1200), { usd: 0, tokens: 300 }).exceeded).toHaveLength(1);
    expect(evaluateBudgets([both], totals("team:t1", "day", 500, 5000), { usd: 0, tokens: 0 }).exceeded).toEqual([]);
  });

  it("raises the limit by an extension granted in the window", () => {
    const extensions = new Map([[totalsKey("team:t1", "day"), { usd: 10, tokens: 0 }]]);
    const result = evaluateBudgets([daily], totals("team:t1", "day", 25), { usd: 0, tokens: 0 }, extensions);
    expect(result.exceeded).toEqual([]);
  });

  it("reports the alert level and 100% once, when the call's spend crosses them", () => {
    const crossedAt = (before: number, after: number) =>
      evaluateBudgets([daily], totals("team:t1", "day", after), { usd: after - before, tokens: 0 }).crossed.map((use) => use.level);
    expect(crossedAt(15, 16)).toEqual([80]);
    expect(crossedAt(16, 17)).toEqual([]);
    expect(crossedAt(15, 21)).toEqual([80, 100]);
    expect(crossedAt(19, 20)).toEqual([100]);
  });

  it("describes the spend against the limit", () => {
    const [use] = evaluateBudgets([rule({ window: "week", usd: 20, tokens: 10_000 })], totals("team:t1", "week", 20.4, 10_450), { usd: 0, tokens: 0 }).exceeded;
    expect(describeBudgetUse(use)).toBe("department Claims has spent $20.40 of its $20.00 and 10,450 tokens of its 10,000 tokens weekly budget");
  });
});
