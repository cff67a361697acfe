import { describe, expect, it } from "vitest";
import { costDisplay, formatDuration, formatPercent, formatUsd } from "./format";

describe("trace formatting", () => {
  it("formats dollars with precision that fits the amount", () => {
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(1234.5)).toBe("$1,234.50");
    expect(formatUsd(0.0123)).toBe("$0.0123");
    expect(formatUsd(0.00042)).toBe("$0.00042");
  });

  it("never shows an unknown cost as $0", () => {
    expect(costDisplay(null, 2)).toEqual({ text: "unpriced", state: "unpriced" });
    expect(costDisplay(0.5, 1)).toEqual({ text: "≥ $0.5000", state: "partial" });
    expect(costDisplay(0, 0)).toEqual({ text: "$0.00", state: "priced" });
  });

  it("formats durations and percentages", () => {
    expect(formatDuration(0)).toBe("< 1 ms");
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(1234)).toBe("1.23 s");
    expect(formatDuration(42_000)).toBe("42.0 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(formatDuration(3_726_000)).toBe("1 h 2 min");
    expect(formatPercent(0.031)).toBe("3.1 %");
  });
});
