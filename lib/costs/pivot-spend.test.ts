import { describe, expect, it } from "vitest";
import { pivotSpend, type DailySpendRow } from "./pivot-spend";

const row = (day: string, key: string, costUsd: number, unpricedSpans = 0): DailySpendRow => ({ day, key, costUsd, tasks: 1, unpricedSpans });
const label = (key: string) => key.toUpperCase();

describe("pivotSpend", () => {
  it("orders series by spend and fills days without spend with zero", () => {
    const data = pivotSpend([row("2026-03-01", "a", 1), row("2026-03-03", "b", 5), row("2026-03-03", "a", 2, 1)], ["2026-03-01", "2026-03-02", "2026-03-03"], label);
    expect(data.series.map((series) => [series.key, series.id, series.label, series.costUsd, series.unpricedSpans])).toEqual([
      ["s0", "b", "B", 5, 0],
      ["s1", "a", "A", 3, 1],
    ]);
    expect(data.points).toEqual([
      { day: "2026-03-01", totalUsd: 1, tasks: 1, unpricedSpans: 0, values: { s0: 0, s1: 1 } },
      { day: "2026-03-02", totalUsd: 0, tasks: 0, unpricedSpans: 0, values: { s0: 0, s1: 0 } },
      { day: "2026-03-03", totalUsd: 7, tasks: 2, unpricedSpans: 1, values: { s0: 5, s1: 2 } },
    ]);
  });

  it("merges the smallest groups into one Other series", () => {
    const rows = ["a", "b", "c", "d"].map((key, index) => row("2026-03-01", key, 10 - index));
    const data = pivotSpend(rows, ["2026-03-01"], label, 3);
    expect(data.series.map((series) => [series.label, series.costUsd])).toEqual([
      ["A", 10],
      ["B", 9],
      ["Other (2)", 15],
    ]);
    expect(data.series[2].id).toBeNull();
    expect(data.points[0].values).toEqual({ s0: 10, s1: 9, s2: 15 });
  });

  it("returns no series when nothing was spent", () => {
    expect(pivotSpend([], ["2026-03-01"], label)).toEqual({
      series: [],
      points: [{ day: "2026-03-01", totalUsd: 0, tasks: 0, unpricedSpans: 0, values: {} }],
    });
  });
});
