import { describe, expect, it } from "vitest";
import { median } from "./median";

describe("median", () => {
  it("is null for no values, the middle for an odd count and the mean of the two middles for an even count", () => {
    expect(median([])).toBeNull();
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
  });
});
