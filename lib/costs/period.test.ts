import { describe, expect, it } from "vitest";
import { daysOf, monthLabel, monthRange, recentMonths, resolvePeriod } from "./period";

const now = new Date("2026-03-15T17:30:00Z");
const iso = (date: Date) => date.toISOString();

describe("resolvePeriod", () => {
  it("counts the last N days including today, ending at the next UTC midnight", () => {
    const period = resolvePeriod({ period: "7d" }, now);
    expect(iso(period.from)).toBe("2026-03-09T00:00:00.000Z");
    expect(iso(period.to)).toBe("2026-03-16T00:00:00.000Z");
    expect(period).toMatchObject({ preset: "7d", days: 7, fromDay: "2026-03-09", toDay: "2026-03-15" });
    expect(iso(period.previous.from)).toBe("2026-03-02T00:00:00.000Z");
    expect(iso(period.previous.to)).toBe("2026-03-09T00:00:00.000Z");
  });

  it("defaults to the last 30 days", () => {
    const period = resolvePeriod({}, now);
    expect(period.preset).toBe("30d");
    expect(period.days).toBe(30);
    expect(period.label).toBe("Last 30 days (2026-02-14 – 2026-03-15)");
  });

  it("takes this month up to today, compared with the same number of days before it", () => {
    const period = resolvePeriod({ period: "this-month" }, now);
    expect(iso(period.from)).toBe("2026-03-01T00:00:00.000Z");
    expect(iso(period.to)).toBe("2026-03-16T00:00:00.000Z");
    expect(period.days).toBe(15);
    expect(iso(period.previous.from)).toBe("2026-02-14T00:00:00.000Z");
  });

  it("takes the whole of last month, across a year boundary", () => {
    const period = resolvePeriod({ period: "last-month" }, new Date("2026-01-10T00:00:00Z"));
    expect(iso(period.from)).toBe("2025-12-01T00:00:00.000Z");
    expect(iso(period.to)).toBe("2026-01-01T00:00:00.000Z");
    expect(period.days).toBe(31);
    expect(iso(period.previous.from)).toBe("2025-10-31T00:00:00.000Z");
  });

  it("reads a custom range as inclusive days and prefers it to a preset", () => {
    const period = resolvePeriod({ period: "7d", from: "2026-02-01", to: "2026-02-28" }, now);
    expect(period.preset).toBe("custom");
    expect(iso(period.from)).toBe("2026-02-01T00:00:00.000Z");
    expect(iso(period.to)).toBe("2026-03-01T00:00:00.000Z");
    expect(period.days).toBe(28);
    expect(period.label).toBe("2026-02-01 – 2026-02-28");
  });

  it("treats a day near midnight in UTC, whatever the local clock", () => {
    const period = resolvePeriod({ period: "7d" }, new Date("2026-03-15T23:59:59.999Z"));
    expect(period.toDay).toBe("2026-03-15");
  });
});

describe("days and months", () => {
  it("lists every day of a period", () => {
    expect(daysOf(resolvePeriod({ from: "2026-02-27", to: "2026-03-02" }, now))).toEqual([
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
    ]);
  });

  it("gives a month's bounds, including December", () => {
    expect(monthRange("2026-02")).toEqual({ from: new Date("2026-02-01T00:00:00Z"), to: new Date("2026-03-01T00:00:00Z") });
    expect(monthRange("2025-12").to).toEqual(new Date("2026-01-01T00:00:00Z"));
  });

  it("lists recent months newest first and names them", () => {
    expect(recentMonths(now, 4)).toEqual(["2026-03", "2026-02", "2026-01", "2025-12"]);
    expect(monthLabel("2026-02")).toBe("February 2026");
  });
});
