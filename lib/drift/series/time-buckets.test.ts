import { describe, expect, it } from "vitest";
import { bucketIndexes, bucketStepMs, resolveRange } from "./time-buckets";
import { baselineBand, medianBucketSize, rateBand } from "./baseline-band";
import { metricParam } from "./metric-param";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date("2026-12-06T10:30:00.000Z");

describe("drift chart ranges and buckets", () => {
  it("defaults to 7 days, or since the baseline started when longer, capped at 90 days", () => {
    expect(resolveRange({}, null, now)).toEqual({ from: new Date(now.getTime() - 7 * DAY), to: now });
    expect(resolveRange({}, new Date(now.getTime() - 2 * DAY), now).from).toEqual(new Date(now.getTime() - 7 * DAY));
    expect(resolveRange({}, new Date(now.getTime() - 20 * DAY), now).from).toEqual(new Date(now.getTime() - 20 * DAY));
    expect(resolveRange({}, new Date(now.getTime() - 400 * DAY), now).from).toEqual(new Date(now.getTime() - 90 * DAY));
  });

  it("refuses a range that ends before it starts or spans more than a year", () => {
    expect(() => resolveRange({ from: now, to: new Date(now.getTime() - 1) }, null, now)).toThrow(/before/);
    expect(() => resolveRange({ from: new Date(now.getTime() - 400 * DAY) }, null, now)).toThrow(/366 days/);
  });

  it("picks the smallest step that keeps at most 180 buckets: an hour for a week, 15 minutes for a day, 12 hours for 90 days", () => {
    const over = (ms: number) => bucketStepMs({ from: new Date(now.getTime() - ms), to: now });
    expect(over(7 * DAY)).toBe(HOUR);
    expect(over(DAY)).toBe(15 * 60_000);
    expect(over(90 * DAY)).toBe(12 * HOUR);
    expect(over(366 * DAY)).toBe(7 * DAY);
  });

  it("aligns buckets on multiples of the step since the epoch, covering from to the last instant before to", () => {
    const indexes = bucketIndexes({ from: new Date("2026-12-06T00:30:00.000Z"), to: new Date("2026-12-06T03:00:00.000Z") }, HOUR);
    expect(indexes.map((index) => new Date(index * HOUR).toISOString())).toEqual([
      "2026-12-06T00:00:00.000Z",
      "2026-12-06T01:00:00.000Z",
      "2026-12-06T02:00:00.000Z",
    ]);
  });
});

describe("the baseline band", () => {
  it("is sized for the median non-empty bucket", () => {
    expect(medianBucketSize([0, 10, 0, 30, 20])).toBe(20);
    expect(medianBucketSize([0, 10, 20])).toBe(15);
    expect(medianBucketSize([0, 0])).toBeNull();
  });

  it("a rate: p ± 1.96·√(p(1−p)/m), inside [0, 1]", () => {
    const band = rateBand(0.85, 100);
    expect(band.low).toBeCloseTo(0.85 - 1.96 * Math.sqrt((0.85 * 0.15) / 100), 12);
    expect(band.high).toBeCloseTo(0.85 + 1.96 * Math.sqrt((0.85 * 0.15) / 100), 12);
    expect(rateBand(0.02, 4).low).toBe(0);
  });

  it("no band without a baseline value or without any data to size it", () => {
    expect(baselineBand("rate", { value: null }, 10)).toEqual({ value: null, low: null, high: null });
    expect(baselineBand("rate", { value: 0.5 }, null)).toEqual({ value: 0.5, low: null, high: null });
  });
});

describe("metricParam", () => {
  it("decodes a URL-encoded metric and leaves a plain one", () => {
    expect(metricParam("outcome_rate%3Aapproved")).toBe("outcome_rate:approved");
    expect(metricParam("outcome_rate:approved")).toBe("outcome_rate:approved");
    expect(metricParam("bad%E0%A4%A")).toBe("bad%E0%A4%A");
  });
});
