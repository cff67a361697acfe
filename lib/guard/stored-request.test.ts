import { describe, expect, it } from "vitest";
import { readStoredRequest } from "./stored-request";

const budget = { scope: "team:claims", label: "Claims", window: "day", onExceed: "hold", spent: { usd: 12, tokens: 0 }, limit: { usd: 10 } };

describe("readStoredRequest", () => {
  it("reads what the guard records", () => {
    const stored = { action: { tool: "refund", amount: 120, params: { order: "A1" } }, channel: "user", textExcerpt: "hi", textLength: 2, budgets: [budget] };
    expect(readStoredRequest(stored)).toEqual(stored);
  });

  it("keeps the readable fields of a misshapen row and drops the rest", () => {
    const read = readStoredRequest({ action: { tool: "refund", amount: "lots" }, usage: { model: "m", inputTokens: 3, outputTokens: 4 }, budgets: "none", channel: "fax" });
    expect(read).toEqual({ usage: { model: "m", inputTokens: 3, outputTokens: 4 }, budgets: [] });
  });

  it("reads an empty or missing request as nothing recorded", () => {
    expect(readStoredRequest(null)).toEqual({ budgets: [] });
    expect(readStoredRequest("text")).toEqual({ budgets: [] });
  });
});
