import { describe, expect, it } from "vitest";
import { liveMetrics, type LiveSide } from "./live-metrics";

const side = (overrides: Partial<LiveSide>): LiveSide => ({
  tasks: 0,
  errors: 0,
  outcomes: {},
  cost: { n: 0, mean: null, variance: null },
  latencyMs: { n: 0, mean: null, variance: null },
  steps: { n: 0, mean: null, variance: null },
  decisions: 0,
  denies: 0,
  holds: 0,
  online: {},
  ...overrides,
});

describe("liveMetrics", () => {
  it("shows outcomes that are at least 1% of either side's tasks, then the fixed metrics, then online evaluators", () => {
    const a = side({ tasks: 1000, errors: 10, outcomes: { resolved: 900, escalated: 95, odd: 5 }, decisions: 200, denies: 10, holds: 4, online: { tone: { scored: 100, passed: 90 } } });
    const b = side({ tasks: 1000, errors: 40, outcomes: { resolved: 850, escalated: 140, rare: 10 }, decisions: 100, denies: 2, holds: 1 });
    const metrics = liveMetrics(a, b);
    expect(metrics.map((metric) => metric.name)).toEqual([
      "outcome_rate:escalated",
      "outcome_rate:rare",
      "outcome_rate:resolved",
      "error_rate",
      "guard_deny_rate",
      "guard_hold_rate",
      "cost_per_task",
      "latency_per_task",
      "steps_per_task",
      "online:tone",
    ]);
    const errors = metrics.find((metric) => metric.name === "error_rate")!;
    expect(errors).toMatchObject({ kind: "rate", a: 0.01, b: 0.04, n: { a: 1000, b: 1000 } });
    expect(errors.difference).toBeCloseTo(0.03, 10);
    expect(errors.low!).toBeGreaterThan(0);
    expect(metrics.find((metric) => metric.name === "outcome_rate:rare")).toMatchObject({ a: 0, b: 0.01 });
    // The deny rate is per guard decision, not per task.
    expect(metrics.find((metric) => metric.name === "guard_deny_rate")).toMatchObject({ a: 0.05, b: 0.02, n: { a: 200, b: 100 } });
    // An online evaluator that scored nothing of B leaves B empty rather than 0%.
    expect(metrics.find((metric) => metric.name === "online:tone")).toMatchObject({ a: 0.9, b: null, difference: null });
  });

  it("compares means with their interval", () => {
    const a = side({ tasks: 50, cost: { n: 50, mean: 0.02, variance: 0.00001 } });
    const b = side({ tasks: 60, cost: { n: 60, mean: 0.03, variance: 0.00001 } });
    const cost = liveMetrics(a, b).find((metric) => metric.name === "cost_per_task")!;
    expect(cost).toMatchObject({ kind: "mean", a: 0.02, b: 0.03, n: { a: 50, b: 60 } });
    expect(cost.difference).toBeCloseTo(0.01, 10);
    expect(cost.low!).toBeGreaterThan(0);
  });

  it("leaves everything empty for a version without traffic", () => {
    const metrics = liveMetrics(side({}), side({ tasks: 10, errors: 1 }));
    expect(metrics.find((metric) => metric.name === "error_rate")).toMatchObject({ a: null, b: 0.1, difference: null, low: null, high: null });
  });
});
