import { describe, expect, it } from "vitest";
import { costSummaryQuerySchema, priceInputSchema, priceUpdateSchema } from "./schemas";

const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));

describe("costSummaryQuerySchema", () => {
  it("reads empty form fields as absent and fills the defaults", () => {
    expect(costSummaryQuerySchema.parse({ period: "", from: "", to: "", groupBy: "" })).toMatchObject({ groupBy: "agent", limit: 10 });
  });

  it("wants both ends of a custom range, in order, at most a year apart", () => {
    expect(messages(costSummaryQuerySchema.safeParse({ period: "custom", from: "2026-01-01" }))).toEqual({ to: "Give the last day of the range" });
    expect(messages(costSummaryQuerySchema.safeParse({ from: "2026-01-05", to: "2026-01-01" }))).toEqual({ to: "The last day is before the first" });
    expect(messages(costSummaryQuerySchema.safeParse({ from: "2024-01-01", to: "2025-06-01" }))).toEqual({ to: "At most 366 days" });
    expect(messages(costSummaryQuerySchema.safeParse({ from: "2026-02-30", to: "2026-03-01" }))).toMatchObject({ from: "Not a real date" });
  });
});

describe("priceInputSchema", () => {
  it("turns the form's strings into a price row, lowercasing the model", () => {
    expect(
      priceInputSchema.parse({ model: " GPT-X ", provider: "", inputPerMTok: "1.5", outputPerMTok: "6", cachedInputPerMTok: "", effectiveFrom: "2026-01-01" }),
    ).toEqual({ model: "gpt-x", provider: "", inputPerMTok: 1.5, outputPerMTok: 6, cachedInputPerMTok: null, effectiveFrom: new Date("2026-01-01T00:00:00Z") });
  });

  it("requires a start date", () => {
    expect(messages(priceInputSchema.safeParse({ model: "m", inputPerMTok: 1, outputPerMTok: 1 }))).toEqual({ effectiveFrom: "Required" });
  });

  it("says which fields are missing or wrong", () => {
    expect(messages(priceInputSchema.safeParse({ model: "", inputPerMTok: "", outputPerMTok: "abc", cachedInputPerMTok: "-1", effectiveFrom: "soon" }))).toEqual({
      model: "Required",
      inputPerMTok: "Required",
      outputPerMTok: "Enter an amount in USD, e.g. 2.50",
      cachedInputPerMTok: "Cannot be negative",
      effectiveFrom: "Enter a date, e.g. 2026-01-31",
    });
  });
});

describe("priceUpdateSchema", () => {
  it("takes any subset of fields, leaving the others untouched", () => {
    expect(priceUpdateSchema.parse({ outputPerMTok: 8 })).toEqual({ outputPerMTok: 8 });
    expect(priceUpdateSchema.parse({ cachedInputPerMTok: "" })).toEqual({ cachedInputPerMTok: null });
    expect(messages(priceUpdateSchema.safeParse({}))).toEqual({ "": "Change at least one field" });
  });
});
