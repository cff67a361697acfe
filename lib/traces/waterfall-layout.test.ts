import { describe, expect, it } from "vitest";
import { layoutWaterfall, MIN_BAR_PCT, moveSelection } from "./waterfall-layout";

const t0 = Date.parse("2026-01-01T10:00:00.000Z");
const at = (ms: number) => new Date(t0 + ms).toISOString();
const span = (spanId: string, parentSpanId: string | null, startMs: number, endMs: number) => ({
  spanId,
  parentSpanId,
  startTime: at(startMs),
  endTime: at(endMs),
});

describe("layoutWaterfall", () => {
  it("orders depth-first with children by start time and indents by depth", () => {
    const { rows, totalMs } = layoutWaterfall([
      span("tool", "root", 600, 900),
      span("root", null, 0, 1000),
      span("llm-2", "root", 300, 500),
      span("llm-1", "root", 100, 250),
      span("nested", "llm-1", 120, 200),
    ]);
    expect(totalMs).toBe(1000);
    expect(rows.map((row) => [row.span.spanId, row.depth])).toEqual([
      ["root", 0],
      ["llm-1", 1],
      ["nested", 2],
      ["llm-2", 1],
      ["tool", 1],
    ]);
    expect(rows[0].childCount).toBe(3);
  });

  it("positions bars as percentages of the trace duration", () => {
    const { rows } = layoutWaterfall([span("root", null, 0, 2000), span("child", "root", 500, 1500)]);
    const child = rows.find((row) => row.span.spanId === "child")!;
    expect(child.offsetPct).toBeCloseTo(25);
    expect(child.widthPct).toBeCloseTo(50);
    expect(child.startOffsetMs).toBe(500);
    expect(child.durationMs).toBe(1000);
  });

  it("gives zero-length spans a minimum width that stays inside the track", () => {
    const { rows } = layoutWaterfall([span("root", null, 0, 1000), span("instant", "root", 1000, 1000)]);
    const instant = rows.find((row) => row.span.spanId === "instant")!;
    expect(instant.widthPct).toBe(MIN_BAR_PCT);
    expect(instant.offsetPct + instant.widthPct).toBeLessThanOrEqual(100);
  });

  it("handles a trace whose spans all take no time", () => {
    const { rows, totalMs } = layoutWaterfall([span("a", null, 0, 0)]);
    expect(totalMs).toBe(0);
    expect(rows[0].offsetPct).toBe(0);
    expect(rows[0].widthPct).toBe(MIN_BAR_PCT);
  });

  it("measures from the trace bounds when they are wider than the spans", () => {
    const { rows } = layoutWaterfall([span("a", null, 500, 1000)], { startTime: at(0), endTime: at(1000) });
    expect(rows[0].offsetPct).toBeCloseTo(50);
  });

  it("treats spans with a missing parent as roots and keeps spans caught in a parent cycle", () => {
    const { rows } = layoutWaterfall([
      span("orphan", "not-received-yet", 10, 20),
      span("root", null, 0, 100),
      span("x", "y", 30, 40),
      span("y", "x", 35, 45),
    ]);
    expect(rows.map((row) => row.span.spanId).sort()).toEqual(["orphan", "root", "x", "y"]);
    expect(rows.find((row) => row.span.spanId === "orphan")!.depth).toBe(0);
  });

  it("lays out a very deep trace without recursion", () => {
    const deep = Array.from({ length: 20_000 }, (_, index) => span(`s${index}`, index === 0 ? null : `s${index - 1}`, index, index + 1));
    const { rows } = layoutWaterfall(deep);
    expect(rows).toHaveLength(20_000);
    expect(rows[19_999].depth).toBe(19_999);
  });
});

describe("moveSelection", () => {
  it("moves with arrows, pages and Home/End without wrapping", () => {
    expect(moveSelection(0, "ArrowUp", 5)).toBe(0);
    expect(moveSelection(0, "ArrowDown", 5)).toBe(1);
    expect(moveSelection(4, "ArrowDown", 5)).toBe(4);
    expect(moveSelection(2, "End", 5)).toBe(4);
    expect(moveSelection(2, "Home", 5)).toBe(0);
    expect(moveSelection(1, "PageDown", 30)).toBe(11);
    expect(moveSelection(3, "PageUp", 30)).toBe(0);
    expect(moveSelection(0, "ArrowDown", 0)).toBe(-1);
  });
});
