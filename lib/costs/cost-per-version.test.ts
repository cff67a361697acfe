import { describe, expect, it } from "vitest";
import { byVersionNewestFirst } from "./cost-per-version";

describe("byVersionNewestFirst", () => {
  it("orders labels by their number, newest first, with unknown versions last", () => {
    const labels = ["v2", null, "v10", "zeta", "v9", "canary-x", "v1"].map((version) => ({ version }));
    expect(labels.sort(byVersionNewestFirst).map((row) => row.version)).toEqual(["v10", "v9", "v2", "v1", "zeta", "canary-x", null]);
  });
});
