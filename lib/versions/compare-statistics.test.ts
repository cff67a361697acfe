import { describe, expect, it } from "vitest";
import { isSignificant, meanDifference, proportionDifference, studentQuantile } from "./compare-statistics";

describe("studentQuantile", () => {
  it("matches published t quantiles from 3 degrees of freedom up (values from scipy.stats.t.ppf)", () => {
    expect(studentQuantile(0.975, 3)).toBeCloseTo(3.1824, 2);
    expect(studentQuantile(0.975, 4)).toBeCloseTo(2.7764, 2);
    expect(studentQuantile(0.975, 10)).toBeCloseTo(2.228139, 4);
    expect(studentQuantile(0.975, 19.19)).toBeCloseTo(2.091622, 4);
    expect(studentQuantile(0.975, 1e6)).toBeCloseTo(1.959964, 4);
    expect(studentQuantile(0.025, 10)).toBeCloseTo(-2.228139, 4);
  });

  it("is exact at 1 and 2 degrees of freedom and never narrower than t between them", () => {
    expect(studentQuantile(0.975, 1)).toBeCloseTo(12.7062, 3);
    expect(studentQuantile(0.975, 2)).toBeCloseTo(4.302653, 5);
    expect(studentQuantile(0.975, 1.5)).toBeGreaterThan(6.0167);
    expect(studentQuantile(0.975, 2.5)).toBeGreaterThan(3.5747);
  });

  it("refuses a probability or degrees of freedom out of range", () => {
    expect(() => studentQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentQuantile(0.5, 0)).toThrow(RangeError);
  });
});

describe("proportionDifference", () => {
  it("gives Newcombe's hybrid score interval, b − a (Newcombe 1998, example (a): 56/70 vs 48/80)", () => {
    const result = proportionDifference({ events: 48, n: 80 }, { events: 56, n: 70 });
    expect(result.difference).toBeCloseTo(0.2, 10);
    expect(result.low).toBeCloseTo(0.0524, 4);
    expect(result.high).toBeCloseTo(0.3339, 4);
    expect(isSignificant(result)).toBe(true);
  });

  it("turns sign with the order of the versions", () => {
    const result = proportionDifference({ events: 56, n: 70 }, { events: 48, n: 80 });
    expect(result.difference).toBeCloseTo(-0.2, 10);
    expect(result.low).toBeCloseTo(-0.3339, 4);
    expect(result.high).toBeCloseTo(-0.0524, 4);
  });

  it("keeps an interval at 0 events and includes 0 for a small equal sample", () => {
    const result = proportionDifference({ events: 0, n: 10 }, { events: 0, n: 10 });
    expect(result.difference).toBe(0);
    expect(result.low).toBeLessThan(0);
    expect(result.high).toBeGreaterThan(0);
    expect(isSignificant(result)).toBe(false);
  });

  it("says nothing while a side has no observations", () => {
    expect(proportionDifference({ events: 0, n: 0 }, { events: 3, n: 10 })).toEqual({ difference: null, low: null, high: null });
  });
});

describe("meanDifference", () => {
  it("gives Welch's interval at the Welch–Satterthwaite degrees of freedom", () => {
    // scipy: se = sqrt(4/10 + 9/12), df = 19.19, t.ppf(0.975, df) · se → −0.24301 to 4.24301.
    const result = meanDifference({ n: 10, mean: 20, variance: 4 }, { n: 12, mean: 22, variance: 9 });
    expect(result.difference).toBe(2);
    expect(result.low).toBeCloseTo(-0.24301, 3);
    expect(result.high).toBeCloseTo(4.24301, 3);
    expect(isSignificant(result)).toBe(false);
  });

  it("marks a clear drop as significant with the interval below 0", () => {
    const result = meanDifference({ n: 500, mean: 0.05, variance: 0.0001 }, { n: 400, mean: 0.03, variance: 0.0001 });
    expect(result.difference).toBeCloseTo(-0.02, 10);
    expect(result.high!).toBeLessThan(0);
    expect(isSignificant(result)).toBe(true);
  });

  it("shows the difference without an interval from a single observation, nothing without data", () => {
    expect(meanDifference({ n: 1, mean: 3, variance: null }, { n: 5, mean: 4, variance: 1 })).toEqual({ difference: 1, low: null, high: null });
    expect(meanDifference({ n: 0, mean: null, variance: null }, { n: 5, mean: 4, variance: 1 })).toEqual({ difference: null, low: null, high: null });
  });

  it("gives a point interval when neither side varies", () => {
    expect(meanDifference({ n: 3, mean: 2, variance: 0 }, { n: 3, mean: 5, variance: 0 })).toEqual({ difference: 3, low: 3, high: 3 });
  });
});

describe("isSignificant", () => {
  it("needs the whole interval on one side of 0", () => {
    expect(isSignificant({ low: 0.01, high: 0.2 })).toBe(true);
    expect(isSignificant({ low: -0.2, high: -0.01 })).toBe(true);
    expect(isSignificant({ low: 0, high: 0.2 })).toBe(false);
    expect(isSignificant({ low: null, high: null })).toBe(false);
  });
});
