import { describe, expect, it } from "vitest";
import {
  canarySettingsSchema,
  defaultCanarySettings,
  hodgesLehmannShift,
  judgeCanary,
  mannWhitney,
  rateDifferenceInterval,
  rateDifferenceSequence,
} from "./canary-statistics";
import { normalQuantile, normalUpperTail } from "./normal-distribution";
import { seededRandom } from "../random/seeded-random";

function lognormalSeries(random: () => number, count: number, medianValue: number, sigma: number): number[] {
  return Array.from({ length: count }, () => {
    const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return medianValue * Math.exp(sigma * gaussian);
  });
}

const bruteForceDifferences = (production: number[], canary: number[]) =>
  canary.flatMap((c) => production.map((p) => c - p)).sort((a, b) => a - b);

describe("normal distribution", () => {
  it("matches the printed tables", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(normalUpperTail(1.959964)).toBeCloseTo(0.025, 6);
    expect(normalUpperTail(-1)).toBeCloseTo(0.841345, 6);
  });
});

describe("mannWhitney", () => {
  // Expected values: scipy 1.17.1, mannwhitneyu(canary, production, alternative="greater" or
  // "two-sided", method="asymptotic", use_continuity=True); U is scipy's statistic for the canary.
  it("separated samples: U = 16 of 16 pairs, z = (16 − 8 − ½)/√12", () => {
    const result = mannWhitney([1, 2, 3, 4], [10, 20, 30, 40]);
    expect(result.u).toBe(16);
    expect(result.z).toBeCloseTo(7.5 / Math.sqrt(12), 10);
    expect(result.pCanaryGreater).toBeCloseTo(0.015191411, 6);
    expect(result.pTwoSided).toBeCloseTo(0.030382822, 6);
    expect([result.n1, result.n2]).toEqual([4, 4]);
  });

  it("corrects the variance for ties", () => {
    const result = mannWhitney([1, 2, 2, 3, 3, 3, 4, 5], [3, 4, 4, 5, 5, 6, 7]);
    expect(result.u).toBe(48.5);
    expect(result.pCanaryGreater).toBeCloseTo(0.0092652615, 7);
    expect(result.pTwoSided).toBeCloseTo(0.018530523, 7);
  });

  it("gives a large one-sided p when the canary tends to be smaller", () => {
    const result = mannWhitney([10, 20, 30, 40, 50], [1, 2, 3, 35, 60]);
    expect(result.u).toBe(8);
    expect(result.z).toBeLessThan(0);
    expect(result.pCanaryGreater).toBeCloseTo(0.85186506, 6);
    expect(result.pTwoSided).toBeCloseTo(0.40339530, 6);
  });

  it("tells nothing from an empty side or all-tied values", () => {
    expect(mannWhitney([], [1, 2, 3])).toMatchObject({ z: 0, pCanaryGreater: 1, pTwoSided: 1, n1: 0, n2: 3 });
    expect(mannWhitney([5, 5, 5], [5, 5])).toMatchObject({ u: 3, z: 0, pCanaryGreater: 1, pTwoSided: 1 });
    expect(() => mannWhitney([1, Number.NaN], [2])).toThrow(RangeError);
  });
});

describe("hodgesLehmannShift", () => {
  it("reproduces Kayenta's MannWhitneySuite: 1,2,3,4 vs 10,20,30,40 at 95% is 22.5 in [6, 39]", () => {
    expect(hodgesLehmannShift([1, 2, 3, 4], [10, 20, 30, 40], 0.95)).toEqual({ shift: 22.5, lower: 6, upper: 39 });
  });

  it("is the median pairwise difference (by hand: −1 0 1 1 [2] 3 3 4 5)", () => {
    expect(hodgesLehmannShift([1, 2, 3], [2, 4, 6]).shift).toBe(2);
    expect(hodgesLehmannShift([0, 10], [1, 2]).shift).toBe(-3.5); // −9 −8 [1 2] → −3.5
  });

  it("finds a pure shift exactly, with an interval around it", () => {
    const production = Array.from({ length: 30 }, (_, i) => 100 + 7 * i);
    const canary = production.map((value) => value + 25);
    const result = hodgesLehmannShift(production, canary);
    expect(result.shift).toBe(25);
    expect(result.lower).toBeLessThan(25);
    expect(result.upper).toBeGreaterThan(25);
  });

  it("agrees with sorting all pairwise differences, with and without heavy ties", () => {
    const random = seededRandom(11);
    const cases = [
      { production: lognormalSeries(random, 137, 800, 0.6), canary: lognormalSeries(random, 61, 900, 0.6) },
      // Integer steps per task: most differences tie, many of them at exactly 0.
      { production: Array.from({ length: 400 }, () => Math.floor(random() * 4)), canary: Array.from({ length: 300 }, () => Math.floor(random() * 4)) },
      { production: Array.from({ length: 90 }, () => Math.round(random() * 20) - 10), canary: Array.from({ length: 90 }, () => Math.round(random() * 20) - 9) },
      // 12 × 9 at 90%: 54 − 1.645·√(108·22/12) = 30.85, so the rank bound is the 30th difference, not the 31st.
      { production: lognormalSeries(random, 12, 50, 1), canary: lognormalSeries(random, 9, 60, 1) },
    ];
    for (const { production, canary } of cases) {
      const differences = bruteForceDifferences(production, canary);
      const pairs = differences.length;
      const middle = pairs % 2 === 1 ? differences[(pairs - 1) / 2] : (differences[pairs / 2 - 1] + differences[pairs / 2]) / 2;
      const k = Math.floor(pairs / 2 - normalQuantile(0.95) * Math.sqrt((pairs * (production.length + canary.length + 1)) / 12));
      expect(hodgesLehmannShift(production, canary, 0.9)).toEqual({ shift: middle, lower: differences[k - 1], upper: differences[pairs - k] });
    }
  });

  it("has no estimate without pairs", () => {
    expect(hodgesLehmannShift([], [1]).shift).toBeNaN();
  });
});

describe("rateDifferenceInterval (Newcombe's hybrid score)", () => {
  // Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
  ])("%i/%i − %i/%i is [%f, %f]", (canaryEvents, canaryN, productionEvents, productionN, lower, upper) => {
    const interval = rateDifferenceInterval({ canary: { events: canaryEvents, n: canaryN }, production: { events: productionEvents, n: productionN } });
    expect(interval.lower).toBeCloseTo(lower, 4);
    expect(interval.upper).toBeCloseTo(upper, 4);
  });

  it("spans the possible range for an empty side and rejects impossible counts", () => {
    const interval = rateDifferenceInterval({ canary: { events: 0, n: 0 }, production: { events: 50, n: 1000 } });
    expect(interval.lower).toBeLessThan(-0.05);
    expect(interval.upper).toBeGreaterThan(0.95);
    expect(() => rateDifferenceInterval({ canary: { events: 5, n: 4 }, production: { events: 0, n: 1 } })).toThrow(RangeError);
  });
});

describe("rateDifferenceSequence", () => {
  const canary = { events: 300, n: 2000 };
  const production = { events: 100, n: 2000 };

  it("is wider than the fixed-horizon interval of the same level and contains the difference", () => {
    const sequence = rateDifferenceSequence({ canary, production, alpha: 0.05 });
    const fixed = rateDifferenceInterval({ canary, production, confidence: 0.95 });
    expect(sequence.estimate).toBeCloseTo(0.1, 12);
    expect(sequence.lower).toBeLessThan(fixed.lower);
    expect(sequence.upper).toBeGreaterThan(fixed.upper);
    expect(sequence.lower).toBeLessThan(0.1);
    expect(sequence.upper).toBeGreaterThan(0.1);
  });

  it("has width even with no events, and spans everything with no tasks", () => {
    const none = rateDifferenceSequence({ canary: { events: 0, n: 500 }, production: { events: 0, n: 500 }, alpha: 0.01 });
    expect(none.lower).toBeLessThan(0);
    expect(none.upper).toBeGreaterThan(0);
    expect(rateDifferenceSequence({ canary: { events: 0, n: 0 }, production: { events: 0, n: 0 }, alpha: 0.01 })).toEqual({ estimate: 0, lower: -1, upper: 1 });
  });

  it("keeps the true difference at every one of 40 looks in at least 1 − α of seeded runs", () => {
    const random = seededRandom(2017);
    const alpha = 0.05;
    const runs = 300;
    let missed = 0;
    for (let run = 0; run < runs; run++) {
      const canarySide = { events: 0, n: 0 };
      const productionSide = { events: 0, n: 0 };
      let everMissed = false;
      for (let look = 0; look < 40; look++) {
        for (let task = 0; task < 50; task++) {
          canarySide.n++;
          if (random() < 0.1) canarySide.events++;
          productionSide.n++;
          if (random() < 0.05) productionSide.events++;
        }
        const interval = rateDifferenceSequence({ canary: canarySide, production: productionSide, alpha });
        if (interval.lower > 0.05 || interval.upper < 0.05) everMissed = true;
      }
      if (everMissed) missed++;
    }
    expect(missed / runs).toBeLessThanOrEqual(alpha);
  });
});

describe("judgeCanary", () => {
  const deny = (canaryEvents: number, canaryN: number, productionEvents: number, productionN: number) => ({
    metric: "deny rate",
    kind: "rate" as const,
    worseWhen: "higher" as const,
    canary: { events: canaryEvents, n: canaryN },
    production: { events: productionEvents, n: productionN },
  });

  it("calls a canary denying 15% against production's 5% over 2,000 tasks each worse", () => {
    const judgement = judgeCanary([deny(300, 2000, 100, 2000)]);
    expect(judgement.verdict).toBe("worse");
    expect(judgement.metrics[0]).toMatchObject({ verdict: "worse", canaryValue: 0.15, productionValue: 0.05, n: { canary: 2000, production: 2000 } });
    expect(judgement.metrics[0].lower).toBeGreaterThan(defaultCanarySettings.rateMargin);
    expect(judgement.metrics[0].explanation).toBe(
      "deny rate 15.0% vs 5.0% (+10.0 pts, always-valid 99% interval +6.7 to +13.3 pts) exceeds the 1-point margin",
    );
  });

  it("leaves an equal canary alone, and a better one", () => {
    expect(judgeCanary([deny(100, 2000, 100, 2000)])).toMatchObject({ verdict: "pass", metrics: [{ verdict: "ok" }] });
    expect(judgeCanary([deny(100, 2000, 300, 2000)]).verdict).toBe("pass");
  });

  it("does not end a canary worse by less than the margin, however sure", () => {
    expect(judgeCanary([deny(6000, 100_000, 5000, 100_000)]).verdict).toBe("pass");
  });

  it("judges a rate that is worse when lower", () => {
    const approval = { metric: "approval rate", kind: "rate" as const, worseWhen: "lower" as const, canary: { events: 1500, n: 2000 }, production: { events: 1800, n: 2000 } };
    expect(judgeCanary([approval]).verdict).toBe("worse");
    expect(judgeCanary([{ ...approval, worseWhen: "higher" }]).verdict).toBe("pass");
  });

  it("stays collecting below the minimum sample on either side, even when clearly worse", () => {
    const judgement = judgeCanary([deny(40, 99, 50, 1000)]);
    expect(judgement).toMatchObject({ verdict: "collecting", metrics: [{ verdict: "collecting", n: { canary: 99, production: 1000 } }] });
    expect(judgement.metrics[0].explanation).toBe("deny rate: still collecting, 99 canary and 1,000 production tasks so far, judged from 100 on each side");
    expect(judgeCanary([deny(40, 1000, 3, 99)]).verdict).toBe("collecting");
    expect(judgeCanary([deny(40, 1000, 3, 99), deny(300, 2000, 100, 2000)]).verdict).toBe("worse");
  });

  it("calls a canary with 1.6× production's latency worse and leaves 1.05× alone", () => {
    const random = seededRandom(42);
    const production = lognormalSeries(random, 1000, 2000, 0.5);
    const base = lognormalSeries(random, 300, 2000, 0.5);
    const latency = (factor: number) => ({
      metric: "latency per task",
      kind: "value" as const,
      worseWhen: "higher" as const,
      production,
      canary: base.map((value) => value * factor),
    });
    const slower = judgeCanary([latency(1.6)]);
    expect(slower.verdict).toBe("worse");
    expect(slower.metrics[0].lower).toBeGreaterThan(0.25 * slower.metrics[0].productionValue);
    expect(slower.metrics[0].explanation).toMatch(/^latency per task median \d+ vs \d+ \(shift \+\d+, 98% interval .* is worse than production by more than the 25% tolerance/);
    expect(judgeCanary([latency(1.05)])).toMatchObject({ verdict: "pass", metrics: [{ verdict: "ok" }] });
    // Faster is never worse when higher is worse, and is worse when lower is.
    expect(judgeCanary([latency(1 / 1.6)]).verdict).toBe("pass");
    expect(judgeCanary([{ ...latency(1 / 1.6), worseWhen: "lower" }]).verdict).toBe("worse");
  });

  it("needs the shift beyond the tolerance, not only a significant test", () => {
    const random = seededRandom(7);
    const production = lognormalSeries(random, 20_000, 1000, 0.3);
    const canary = lognormalSeries(random, 5000, 1100, 0.3);
    const judgement = judgeCanary([{ metric: "cost", kind: "value", worseWhen: "higher", production, canary }]);
    expect(judgement.verdict).toBe("pass");
    expect(judgement.metrics[0].explanation).toMatch(/one-sided p = \d\.\de-\d+\) is not shown to be worse/);
  });
});

describe("canarySettingsSchema", () => {
  it("fills the defaults and enforces the bounds", () => {
    expect(canarySettingsSchema.parse({})).toEqual({ ...defaultCanarySettings });
    expect(canarySettingsSchema.safeParse({ minSamplePerSide: 10 }).success).toBe(false);
    expect(canarySettingsSchema.safeParse({ alpha: 0.5 }).success).toBe(false);
    expect(canarySettingsSchema.safeParse({ rateMargin: 0.6 }).success).toBe(false);
    expect(canarySettingsSchema.safeParse({ valueTolerance: 11 }).success).toBe(false);
    expect(canarySettingsSchema.safeParse({ valueAlpha: 0.000001 }).success).toBe(false);
    expect(canarySettingsSchema.parse({ enabled: false, rateMargin: 0.05 })).toMatchObject({ enabled: false, rateMargin: 0.05, alpha: 0.01 });
  });
});
