import { describe, expect, it } from "vitest";
import { backtestCaveats, backtestHeadline, periodText } from "./backtest-summary";

const week = { from: "2026-11-29T12:00:00.000Z", to: "2026-12-06T12:00:00.000Z" };

describe("backtestHeadline", () => {
  it("counts every changed pair against all replayed decisions, with thousands separators", () => {
    const result = {
      ...week,
      replayed: 1204,
      leftOut: 0,
      kept: [],
      changed: [
        { from: "allow" as const, to: "hold" as const, count: 30 },
        { from: "allow" as const, to: "deny" as const, count: 7 },
      ],
    };
    expect(backtestHeadline(result)).toBe("Would have changed 37 of 1,204 decisions: 30 allow → hold, 7 allow → deny");
  });

  it("says when there is nothing to replay, and when nothing changes", () => {
    expect(backtestHeadline({ ...week, replayed: 0, leftOut: 0, kept: [], changed: [] })).toBe("No guard decisions in the last 7 days to replay");
    expect(backtestHeadline({ ...week, replayed: 1, leftOut: 0, kept: [], changed: [] })).toBe("No change: all 1 decision of the last 7 days keep their verdict");
  });
});

describe("backtestCaveats", () => {
  it("names the kept decisions by reason and the ones beyond the cap", () => {
    const caveats = backtestCaveats({
      ...week,
      replayed: 50_000,
      leftOut: 120,
      changed: [],
      kept: [
        { reason: "budget", count: 3 },
        { reason: "loop", count: 1 },
      ],
    });
    expect(caveats).toEqual([
      "4 kept as recorded (budget state 3, loop breaker 1): what decided them is not replayed.",
      "120 newer decisions beyond the first 50,000 were not replayed.",
    ]);
    expect(backtestCaveats({ ...week, replayed: 5, leftOut: 0, changed: [], kept: [] })).toEqual([]);
  });
});

describe("periodText", () => {
  it("rounds the range to days", () => {
    expect(periodText(week.from, week.to)).toBe("the last 7 days");
    expect(periodText("2026-12-05T12:00:00Z", "2026-12-06T11:00:00Z")).toBe("the last day");
  });
});
