import { describe, expect, it } from "vitest";
import { tailWindows } from "../bench/tail-windows";

// 1,000 calls a second for 2 s: one every millisecond.
const calls = (slow: (dueAt: number) => boolean) =>
  Array.from({ length: 2000 }, (_, index) => ({ dueAt: 5000 + index, ms: slow(5000 + index) ? 40 : 2 }));

describe("tailWindows", () => {
  it("finds a tail made by one stall in one window", () => {
    const result = tailWindows(calls((dueAt) => dueAt >= 5300 && dueAt < 5330), 2)!;
    expect(result).toEqual({ slowCalls: 30, windows: 20, windowsWithSlow: 1, worstShare: 1, worst: 5, worstAtS: [0.3] });
  });

  it("finds a tail of calls spread over the run in every window", () => {
    const result = tailWindows(calls((dueAt) => dueAt % 100 === 7), 2)!;
    expect(result.slowCalls).toBe(20);
    expect(result.windowsWithSlow).toBe(20);
    expect(result.worstShare).toBe(5 / 20);
  });

  it("counts only calls slower than the p99 given", () => {
    expect(tailWindows(calls(() => false), 2)!.slowCalls).toBe(0);
    expect(tailWindows([], 2)).toBeNull();
  });
});
