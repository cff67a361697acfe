import { describe, expect, it } from "vitest";
import { seededRandom } from "../../random/seeded-random";
import { advanceState, newEngineState, type Settings } from "./advance-state";
import type { DecisionRecord, TaskRecord } from "./records";

const settings: Settings = { target: { tasks: 1000, days: 7 }, extraOutcomes: [] };
const START = Date.parse("2026-11-20T00:00:00Z");
const MINUTE = 60_000;

type Shape = { approval: number; cost?: number; version?: string; models?: string[]; lookupCalls?: number };

function tasks(count: number, from: number, shape: Shape, random: () => number): TaskRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    traceId: `t${from + i}`,
    startTime: START + (from + i) * MINUTE,
    outcome: random() < shape.approval ? "approved" : "rejected",
    error: random() < 0.02,
    costUsd: (shape.cost ?? 0.01) * (0.8 + 0.4 * random()),
    latencyMs: 2000 + 1000 * random(),
    steps: 4 + Math.floor(3 * random()),
    version: shape.version ?? "v1",
    models: shape.models ?? ["gpt-4.1-2025-04-14"],
    tools: { "policy.lookup": shape.lookupCalls ?? 1, [random() < 0.85 ? "claim.approve" : "claim.reject"]: 1 },
  }));
}

describe("drift engine state", () => {
  it("collects the first 1,000 tasks as the baseline, then watches the outcomes seen", () => {
    const random = seededRandom(1);
    const state = newEngineState();
    const first = advanceState(state, tasks(999, 0, { approval: 0.85 }, random), [], settings);
    expect(first.baselineFrozen).toBe(false);
    expect(state.status).toBe("collecting_baseline");
    const second = advanceState(state, tasks(10, 999, { approval: 0.85 }, random), [], settings);
    expect(second.baselineFrozen).toBe(true);
    expect(state.baseline.n).toBe(1000);
    expect(Object.keys(state.monitors).sort()).toEqual(
      ["cost_per_task", "error_rate", "latency_per_task", "outcome_rate:approved", "steps_per_task", "tool_mix"].sort(),
    );
    // The nine tasks after the 1,000th were monitored, not added to the baseline.
    expect(state.monitors["outcome_rate:approved"].current.n).toBe(9);
  });

  it("flags 85% → 91% approvals after the shift, dated near it, and nothing while stable", () => {
    const random = seededRandom(7);
    const state = newEngineState();
    const stable = advanceState(state, tasks(4000, 0, { approval: 0.85 }, random), [], settings);
    expect(stable.detections).toEqual([]);
    const detections = [];
    for (let from = 4000; from < 7000 && detections.length === 0; from += 250) {
      detections.push(...advanceState(state, tasks(250, from, { approval: 0.91, version: "v4" }, random), [], settings).detections);
    }
    const approval = detections.find((detection) => detection.metric === "outcome_rate:approved");
    expect(approval).toBeDefined();
    expect(approval!.direction).toBe("up");
    expect(approval!.version).toBe("v4");
    expect(approval!.baselineValue).toBeCloseTo(0.85, 1);
    expect(approval!.currentValue!).toBeGreaterThan(0.88);
    const changePoint = Date.parse(approval!.changePointAt!);
    // The change point is estimated (the CUSUM's last zero): not before the shift by much, not after the detection.
    expect(changePoint).toBeGreaterThan(START + 3700 * MINUTE);
    expect(changePoint).toBeLessThan(Date.parse(approval!.detectedAt));
    expect(Date.parse(approval!.detectedAt)).toBeGreaterThan(START + 4000 * MINUTE);
  });

  it("flags a doubled cost per task and a changed tool mix on the next full window", () => {
    const random = seededRandom(3);
    const state = newEngineState();
    advanceState(state, tasks(1000, 0, { approval: 0.85 }, random), [], settings);
    const { detections } = advanceState(state, tasks(500, 1000, { approval: 0.85, cost: 0.02, lookupCalls: 4 }, random), [], settings);
    const metrics = detections.map((detection) => detection.metric).sort();
    expect(metrics).toEqual(["cost_per_task", "tool_mix"]);
    const cost = detections.find((detection) => detection.metric === "cost_per_task")!;
    expect(cost.direction).toBe("up");
    expect(cost.currentValue! / cost.baselineValue!).toBeGreaterThan(1.8);
  });

  it("watches guard rates from the decisions of the baseline period", () => {
    const random = seededRandom(5);
    const state = newEngineState();
    const decisions = (count: number, denyRate: number, from: number): DecisionRecord[] =>
      Array.from({ length: count }, (_, i) => ({ at: START + (from + i) * 1000, verdict: random() < denyRate ? "deny" : "allow", injection: false }));
    advanceState(state, tasks(1000, 0, { approval: 0.85 }, random), decisions(2000, 0.05, 0), settings);
    expect(state.baseline.decisions).toBe(2000);
    expect(state.monitors.guard_deny_rate).toBeDefined();
    const quiet = advanceState(state, [], decisions(3000, 0.05, 2000), settings);
    expect(quiet.detections).toEqual([]);
    const loud = advanceState(state, [], decisions(3000, 0.2, 5000), settings);
    expect(loud.detections.map((detection) => detection.metric)).toContain("guard_deny_rate");
  });

  it("records a provider's new model snapshot without a version change, not a new version's model", () => {
    const random = seededRandom(9);
    const state = newEngineState();
    advanceState(state, tasks(10, 0, { approval: 0.85, models: ["gpt-4o-2024-08-06"] }, random), [], settings);
    const newVersion = advanceState(state, tasks(10, 10, { approval: 0.85, version: "v2", models: ["gpt-4.1-2025-04-14"] }, random), [], settings);
    expect(newVersion.modelChanges).toEqual([]);
    const alias = advanceState(state, tasks(5, 20, { approval: 0.85, version: "v2", models: ["gpt-4.1"] }, random), [], settings);
    expect(alias.modelChanges).toEqual([]);
    const silent = advanceState(state, tasks(5, 25, { approval: 0.85, version: "v2", models: ["gpt-4.1-2025-06-01"] }, random), [], settings);
    expect(silent.modelChanges).toEqual([{ at: START + 25 * MINUTE, version: "v2", fromModel: "gpt-4.1-2025-04-14", toModel: "gpt-4.1-2025-06-01" }]);
  });
});
