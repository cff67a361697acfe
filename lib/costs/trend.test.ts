import { describe, expect, it } from "vitest";
import { perTask, trendOf } from "./trend";

describe("trendOf", () => {
  it("gives the change in percent, rounded to one decimal", () => {
    expect(trendOf(1.2, 1)).toEqual({ direction: "up", changePct: 20 });
    expect(trendOf(0.0021, 0.0042)).toEqual({ direction: "down", changePct: -50 });
    expect(trendOf(1, 3)).toEqual({ direction: "down", changePct: -66.7 });
  });

  it("calls changes under half a percent flat", () => {
    expect(trendOf(1.004, 1)).toEqual({ direction: "flat", changePct: 0 });
  });

  it("has nothing to compare with when the previous period had no tasks or no spend", () => {
    expect(trendOf(1, null)).toEqual({ direction: "new", changePct: null });
    expect(trendOf(1, 0)).toEqual({ direction: "new", changePct: null });
    expect(trendOf(null, 1)).toEqual({ direction: "new", changePct: null });
  });
});

describe("perTask", () => {
  it("divides by the number of tasks, and is null (not zero) without tasks", () => {
    expect(perTask(3, 4)).toBe(0.75);
    expect(perTask(0, 0)).toBeNull();
  });
});
