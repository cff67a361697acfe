import { describe, expect, it } from "vitest";
import { windowEnd, windowStart, windowStarts } from "./windows";

describe("budget windows", () => {
  const at = new Date("2026-11-25T23:30:00.000Z"); // a Wednesday

  it("starts days, ISO weeks (Monday) and months in UTC", () => {
    expect(windowStarts(at)).toEqual({
      day: new Date("2026-11-25T00:00:00.000Z"),
      week: new Date("2026-11-23T00:00:00.000Z"),
      month: new Date("2026-11-01T00:00:00.000Z"),
    });
    expect(windowStart("week", new Date("2026-11-29T12:00:00Z"))).toEqual(new Date("2026-11-23T00:00:00.000Z"));
    expect(windowStart("week", new Date("2026-11-30T00:00:00Z"))).toEqual(new Date("2026-11-30T00:00:00.000Z"));
  });

  it("ends each window where the next starts, across month and year ends", () => {
    expect(windowEnd("day", new Date("2026-12-31T00:00:00Z"))).toEqual(new Date("2027-01-01T00:00:00.000Z"));
    expect(windowEnd("week", new Date("2026-12-28T00:00:00Z"))).toEqual(new Date("2027-01-04T00:00:00.000Z"));
    expect(windowEnd("month", new Date("2026-12-01T00:00:00Z"))).toEqual(new Date("2027-01-01T00:00:00.000Z"));
  });
});
