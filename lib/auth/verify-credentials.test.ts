import { describe, expect, it } from "vitest";
import { FAILURES_BEFORE_LOCK, lockMinutes } from "./verify-credentials";

describe("lockMinutes", () => {
  it("does not lock before five consecutive failures", () => {
    expect(FAILURES_BEFORE_LOCK).toBe(5);
    for (const failures of [0, 1, 2, 3, 4]) expect(lockMinutes(failures)).toBe(0);
  });

  it("locks for 1, 2, 4, 8 minutes, then 15 at most", () => {
    expect([5, 6, 7, 8, 9, 10, 20, 1000].map(lockMinutes)).toEqual([1, 2, 4, 8, 15, 15, 15, 15]);
  });
});
