import { describe, expect, it } from "vitest";
import { seededRandom } from "../../random/seeded-random";
import { advanceOnlineDrift, newOnlineDrift, ONLINE_BASELINE_SCORES, type ScoreObservation } from "./online-monitor";

const START = Date.parse("2026-12-01T00:00:00Z");

function scores(count: number, from: number, failureRate: number, random: () => number): ScoreObservation[] {
  return Array.from({ length: count }, (_, i) => ({ at: START + (from + i) * 60_000, passed: random() >= failureRate, version: "v1" }));
}

describe("online evaluator drift", () => {
  it("collects the first scores as the baseline, then watches the failure rate with the rate CUSUM", () => {
    const random = seededRandom(11);
    const state = newOnlineDrift();
    expect(advanceOnlineDrift(state, "online:steps", scores(ONLINE_BASELINE_SCORES - 1, 0, 0.1, random))).toBeNull();
    expect(state.status).toBe("collecting_baseline");
    advanceOnlineDrift(state, "online:steps", scores(1, ONLINE_BASELINE_SCORES - 1, 0.1, random));
    expect(state.status).toBe("monitoring");
    expect(state.monitor?.kind).toBe("rate");
    expect(state.baseline.n).toBe(ONLINE_BASELINE_SCORES);
    expect(advanceOnlineDrift(state, "online:steps", scores(1000, 200, 0.1, random))).toBeNull();
  });

  it("flags failures rising from 10% to 40%, dated after the shift", () => {
    const random = seededRandom(5);
    const state = newOnlineDrift();
    advanceOnlineDrift(state, "online:steps", scores(400, 0, 0.1, random));
    const detection = advanceOnlineDrift(state, "online:steps", scores(400, 400, 0.4, random));
    expect(detection).toMatchObject({ metric: "online:steps", direction: "up" });
    expect(Date.parse(detection!.detectedAt)).toBeGreaterThan(START + 400 * 60_000);
    expect(detection!.currentValue!).toBeGreaterThan(0.25);
  });
});
