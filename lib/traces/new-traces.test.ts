import { describe, expect, it } from "vitest";
import { countNewTraces } from "./new-traces";

const page = (...ids: string[]) => ids.map((traceId) => ({ traceId }));

describe("countNewTraces", () => {
  it("counts the traces above the one the user saw on top", () => {
    expect(countNewTraces(page("d", "c", "b", "a"), "b")).toEqual({ count: 2, atLeast: false });
    expect(countNewTraces(page("a"), "a")).toEqual({ count: 0, atLeast: false });
  });

  it("says 'at least a page' when the anchor has scrolled off the first page", () => {
    expect(countNewTraces(page("z", "y"), "a")).toEqual({ count: 2, atLeast: true });
  });

  it("counts everything when nothing was shown", () => {
    expect(countNewTraces(page("b", "a"), null)).toEqual({ count: 2, atLeast: false });
    expect(countNewTraces([], "a")).toEqual({ count: 0, atLeast: false });
  });
});
