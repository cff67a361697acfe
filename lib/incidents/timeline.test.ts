import { describe, expect, it } from "vitest";
import { bucketDecisions, describeDecisionBucket, formatDuration, median, sortTimeline, type DecisionCount, type TimelineEntry } from "./timeline";

const HOUR = 3_600_000;
const start = Date.parse("2026-12-01T00:00:00Z");

describe("bucketDecisions", () => {
  it("keeps hourly rows when there are few, adding denials and holds of the same hour", () => {
    const counts: DecisionCount[] = [
      { at: new Date(start), verdict: "deny", count: 3 },
      { at: new Date(start), verdict: "hold", count: 2 },
      { at: new Date(start + 5 * HOUR), verdict: "deny", count: 1 },
    ];
    const buckets = bucketDecisions(counts);
    expect(buckets).toEqual([
      { from: new Date(start), to: new Date(start + HOUR), denied: 3, held: 2 },
      { from: new Date(start + 5 * HOUR), to: new Date(start + 6 * HOUR), denied: 1, held: 0 },
    ]);
    expect(describeDecisionBucket(buckets[0])).toBe("Guard: 3 denied, 2 held for approval (in this hour)");
  });

  it("merges into wider buckets until at most the limit remain, losing no count", () => {
    const counts: DecisionCount[] = Array.from({ length: 120 }, (_, hour) => ({ at: new Date(start + hour * HOUR), verdict: "deny", count: 10 }));
    const buckets = bucketDecisions(counts, 48);
    expect(buckets.length).toBeLessThanOrEqual(48);
    expect(buckets.length).toBeGreaterThan(24);
    expect(buckets.reduce((sum, bucket) => sum + bucket.denied, 0)).toBe(1200);
    expect(describeDecisionBucket(buckets[0])).toBe("Guard: 30 denied (in these 3 h)");
  });

  it("returns nothing for no decisions", () => {
    expect(bucketDecisions([])).toEqual([]);
  });
});

describe("sortTimeline", () => {
  it("orders oldest first and keeps the gathering order at the same moment", () => {
    const entry = (at: number, kind: TimelineEntry["kind"]): TimelineEntry => ({ at: new Date(at), kind, summary: kind, ref: null });
    const sorted = sortTimeline([entry(start + HOUR, "alert"), entry(start, "version"), entry(start, "knowledge_base"), entry(start - HOUR, "policy")]);
    expect(sorted.map((row) => row.kind)).toEqual(["policy", "version", "knowledge_base", "alert"]);
  });
});

describe("formatDuration and median", () => {
  it("reads like a person would say it", () => {
    expect(formatDuration(45_000)).toBe("45 s");
    expect(formatDuration(45 * 60_000)).toBe("45 min");
    expect(formatDuration(3 * HOUR + 12 * 60_000)).toBe("3 h 12 min");
    expect(formatDuration(52 * HOUR)).toBe("2 d 4 h");
  });

  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
