import { describe, expect, it } from "vitest";
import { bucketFloor, distributionDrift, jensenShannonDistance, resampledThreshold } from "./distribution-drift";
import { seededRandom } from "../random/seeded-random";

const mix = { search: 500, lookup_policy: 250, create_claim: 150, send_email: 70, escalate: 30 };

function drawWindow(shares: Record<string, number>, size: number, seed: number): Record<string, number> {
  const random = seededRandom(seed);
  const names = Object.keys(shares);
  const total = Object.values(shares).reduce((a, b) => a + b, 0);
  const counts: Record<string, number> = {};
  for (let i = 0; i < size; i++) {
    let u = random() * total;
    const name = names.find((n) => (u -= shares[n]) < 0) ?? names[names.length - 1];
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

describe("Jensen–Shannon distance", () => {
  it("is 0 for identical distributions, whatever their scale", () => {
    expect(jensenShannonDistance(mix, mix)).toBe(0);
    expect(jensenShannonDistance({ a: 1, b: 3 }, { a: 10, b: 30 })).toBeCloseTo(0, 12);
  });

  it("is 1 for disjoint distributions", () => {
    expect(jensenShannonDistance({ a: 5, b: 1 }, { c: 2 })).toBeCloseTo(1, 12);
  });

  it("is symmetric and matches a hand computation", () => {
    // p = (½, ½), q = (1, 0): m = (¾, ¼); JSD = ½(½log2(⅔) + ½log2(2)) + ½ log2(4/3) ≈ 0.311278
    expect(jensenShannonDistance({ a: 1, b: 1 }, { a: 1 })).toBeCloseTo(Math.sqrt(0.3112781244591328), 10);
    expect(jensenShannonDistance({ a: 1 }, { a: 1, b: 1 })).toBeCloseTo(jensenShannonDistance({ a: 1, b: 1 }, { a: 1 }), 12);
  });
});

// The windows below mostly fall in one size bucket (512–608 calls), so they share one calibration.
describe("distribution drift", () => {
  it("calibrates a threshold that shrinks as the window grows", () => {
    // 1,000 draws at the 99th percentile keep the test quick; the ordering holds at any quantile.
    const small = resampledThreshold(mix, 100, 0.99, 1000);
    const medium = resampledThreshold(mix, 500, 0.99, 1000);
    const large = resampledThreshold(mix, 2000, 0.99, 1000);
    expect(small).toBeGreaterThan(medium);
    expect(medium).toBeGreaterThan(large);
    // A fixed 0.1 would flag most stable windows of 100 calls: the resampled threshold sits above it.
    expect(small).toBeGreaterThan(0.1);
  });

  it("does not flag a stable window, and flags a changed mix", () => {
    const stable = distributionDrift({ baselineCounts: mix, currentCounts: drawWindow(mix, 550, 5) });
    expect(stable.drifting).toBe(false);
    expect(stable.n).toBe(550);
    const shifted = { ...mix, search: 250, escalate: 280 };
    const changed = distributionDrift({ baselineCounts: mix, currentCounts: drawWindow(shifted, 550, 5) });
    expect(changed.drifting).toBe(true);
    expect(changed.distance).toBeGreaterThan(changed.threshold);
  });

  it("flags a tool the baseline never called once it is frequent enough", () => {
    const withNewTool = { ...drawWindow(mix, 500, 8), delete_record: 30 };
    expect(distributionDrift({ baselineCounts: mix, currentCounts: withNewTool }).drifting).toBe(true);
  });

  it("caches thresholds per window-size bucket, never below the exact window's", () => {
    expect(bucketFloor(100)).toBeLessThanOrEqual(100);
    expect(bucketFloor(2000)).toBeGreaterThan(1600);
    const a = distributionDrift({ baselineCounts: mix, currentCounts: drawWindow(mix, 530, 1) });
    const b = distributionDrift({ baselineCounts: mix, currentCounts: drawWindow(mix, 600, 2) });
    expect(a.calibratedAt).toBe(b.calibratedAt);
    expect(a.threshold).toBe(b.threshold);
  });

  it("reports no verdict for an empty window", () => {
    expect(distributionDrift({ baselineCounts: mix, currentCounts: {} })).toMatchObject({ drifting: false, n: 0 });
  });
});
