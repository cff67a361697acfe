import { describe, expect, it } from "vitest";
import { priceStatuses } from "./price-status";

const now = new Date("2026-03-15T00:00:00Z");
const price = (model: string, from: string) => ({ model, effectiveFrom: new Date(from) });

describe("priceStatuses", () => {
  it("marks the newest started row per model current, later rows scheduled and older ones superseded", () => {
    const rows = [price("gpt-x", "2026-06-01"), price("gpt-x", "2026-02-01"), price("gpt-x", "2025-01-01"), price("other", "2025-01-01")];
    expect(priceStatuses(rows, now).map((row) => row.status)).toEqual(["scheduled", "current", "superseded", "current"]);
  });

  it("has no current row for a model whose only price starts later", () => {
    expect(priceStatuses([price("gpt-y", "2027-01-01")], now)[0].status).toBe("scheduled");
  });
});
