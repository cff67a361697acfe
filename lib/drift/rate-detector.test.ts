import { describe, expect, it } from "vitest";
import { createRateDetector, restoreRateDetector, type RateDetection } from "./rate-detector";
import { seededRandom } from "../random/seeded-random";

// Known series for the rate detector: a seeded stream stable at the baseline rate, and streams that
// shift at a known task. False-alarm rates and delays over many seeds are measured in bench/drift.ts.

function run(rates: Array<[number, number]>, seed: number, baselineRate = 0.85) {
  const random = seededRandom(seed);
  const detector = createRateDetector({ baselineRate, baselineN: 1000 });
  const detections: RateDetection[] = [];
  for (const [tasks, rate] of rates) {
    for (let i = 0; i < tasks; i++) {
      const detection = detector.update(random() < rate);
      if (detection) detections.push(detection);
    }
  }
  return detections;
}

describe("rate detector", () => {
  it("raises nothing on 20,000 tasks at the baseline rate", () => {
    expect(run([[20_000, 0.85]], 12)).toEqual([]);
  });

  it("detects 85% → 91% after the shift, upwards, with a change point near it", () => {
    const detections = run([[3000, 0.85], [5000, 0.91]], 7);
    expect(detections.length).toBeGreaterThan(0);
    const [first] = detections;
    expect(first.direction).toBe("up");
    expect(first.at).toBeGreaterThanOrEqual(3000);
    expect(first.at).toBeLessThan(3000 + 2000);
    expect(Math.abs(first.changePointAt - 3000)).toBeLessThan(300);
    expect(first.statistic).toBeGreaterThanOrEqual(first.threshold);
    expect(first.currentRate).toBeGreaterThan(0.88);
  });

  it("dates the change point by the time of its task, also across a saved and restored state", () => {
    const random = seededRandom(7);
    let detector = createRateDetector({ baselineRate: 0.85, baselineN: 1000 });
    let detection: RateDetection | null = null;
    for (let task = 0; task < 8000 && !detection; task++) {
      if (task % 100 === 0) detector = restoreRateDetector(JSON.parse(JSON.stringify(detector.state())));
      detection = detector.update(random() < (task < 3000 ? 0.85 : 0.91), 1_000_000 + task * 60_000);
    }
    expect(detection).not.toBeNull();
    expect(detection!.changePointTime).toBe(1_000_000 + detection!.changePointAt * 60_000);
  });

  it("detects a fall to 75% downwards", () => {
    const [first] = run([[2000, 0.85], [3000, 0.75]], 3);
    expect(first?.direction).toBe("down");
    expect(first.at).toBeGreaterThanOrEqual(2000);
    expect(Math.abs(first.changePointAt - 2000)).toBeLessThan(300);
    expect(first.currentRate).toBeLessThan(0.8);
  });

  it("detects a deterministic run of failures at once, with the change point at its first task", () => {
    const detector = createRateDetector({ baselineRate: 0.85, baselineN: 1000 });
    for (let i = 0; i < 40; i++) expect(detector.update(true)).toBeNull();
    let detection: RateDetection | null = null;
    for (let i = 0; i < 40 && !detection; i++) detection = detector.update(false);
    expect(detection).toMatchObject({ direction: "down", changePointAt: 40, currentRate: 0 });
    expect(detection!.at).toBeLessThan(80);
  });

  it("restores from a serialised state mid-stream and gives identical detections", () => {
    const outcomes = (() => {
      const random = seededRandom(99);
      return Array.from({ length: 12_000 }, (_, i) => random() < (i < 4000 ? 0.85 : i < 8000 ? 0.92 : 0.8));
    })();
    const whole = createRateDetector({ baselineRate: 0.85, baselineN: 1000 });
    const expected = outcomes.map((o) => whole.update(o)).filter(Boolean);
    expect(expected.length).toBeGreaterThanOrEqual(2);

    const got: RateDetection[] = [];
    let detector = createRateDetector({ baselineRate: 0.85, baselineN: 1000 });
    outcomes.forEach((outcome, i) => {
      if (i % 1777 === 0) detector = restoreRateDetector(JSON.parse(JSON.stringify(detector.state())));
      const detection = detector.update(outcome);
      if (detection) got.push(detection);
    });
    expect(got).toEqual(expected);
    expect(detector.state()).toEqual(whole.state());
  });

  it("rejects invalid parameters and foreign states", () => {
    expect(() => createRateDetector({ baselineRate: 1.2, baselineN: 1000 })).toThrow(RangeError);
    expect(() => createRateDetector({ baselineRate: 0.5, baselineN: 0 })).toThrow(RangeError);
    expect(() => restoreRateDetector({ kind: "other" } as never)).toThrow(RangeError);
  });

  it("never alarms on a stream that stays at a 0% or 100% baseline", () => {
    const atZero = createRateDetector({ baselineRate: 0, baselineN: 1000 });
    const atOne = createRateDetector({ baselineRate: 1, baselineN: 1000 });
    // Clamped to 0.05%, the reference would make each task add 0.0002: an alarm after ~44,000 tasks.
    let alarms = 0;
    for (let i = 0; i < 60_000; i++) if (atZero.update(false) || atOne.update(true)) alarms++;
    expect(alarms).toBe(0);
  });

  it("keeps a baseline at 0% or 100% usable", () => {
    const detector = createRateDetector({ baselineRate: 0, baselineN: 1000 });
    let detection: RateDetection | null = null;
    for (let i = 0; i < 200 && !detection; i++) detection = detector.update(i % 5 === 0);
    expect(detection?.direction).toBe("up");
  });
});
