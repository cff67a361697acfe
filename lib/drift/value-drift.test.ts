import { describe, expect, it } from "vitest";
import { valueDrift } from "./value-drift";
import { seededRandom } from "../random/seeded-random";

function lognormal(seed: number, count: number, median: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => median * Math.exp(0.6 * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())));
}

describe("value drift", () => {
  const baseline = lognormal(1, 1000, 2000);

  it("does not flag a window from the baseline's own distribution", () => {
    const result = valueDrift({ baseline, current: lognormal(2, 300, 2000), alpha: 0.01, tolerance: 0.1 });
    expect(result.drifting).toBe(false);
    expect(result.direction).toBeNull();
  });

  it("flags a 50% slower window upwards with a Hodges–Lehmann shift near it", () => {
    const result = valueDrift({ baseline, current: lognormal(3, 300, 3000), alpha: 0.01, tolerance: 0.1 });
    expect(result).toMatchObject({ significant: true, beyondTolerance: true, drifting: true, direction: "up", n: 300, baselineN: 1000 });
    expect(result.relativeShift).toBeGreaterThan(0.3);
    expect(result.relativeShift).toBeLessThan(0.7);
    expect(result.shiftLower).toBeLessThan(result.shift);
    expect(result.shiftUpper).toBeGreaterThan(result.shift);
  });

  it("does not flag a significant change smaller than the tolerance", () => {
    const big = lognormal(4, 20_000, 2000);
    const result = valueDrift({ baseline: big, current: lognormal(5, 20_000, 2100), alpha: 0.01, tolerance: 0.25 });
    expect(result.significant).toBe(true);
    expect(result.beyondTolerance).toBe(false);
    expect(result.drifting).toBe(false);
  });

  it("shares alpha across looks (Bonferroni)", () => {
    const current = lognormal(6, 60, 2400);
    const one = valueDrift({ baseline, current, alpha: 0.05, tolerance: 0, looks: 1 });
    const many = valueDrift({ baseline, current, alpha: 0.05, tolerance: 0, looks: 10_000 });
    expect(many.alphaPerLook).toBeCloseTo(5e-6, 12);
    expect(one.pValue).toBe(many.pValue);
    expect(one.significant && !many.significant).toBe(true);
  });
});
