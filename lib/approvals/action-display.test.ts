import { describe, expect, it } from "vitest";
import { actionCurrency, actionParams, formatActionAmount } from "./action-display";

const order = {
  tool: "purchase.create",
  amount: 1234.5,
  params: { vendor: "Acme", item: "Laptop stand", quantity: 30, unitPrice: 41.15, amount: 1234.5, currency: "EUR", costCenter: "Finance" },
};

describe("action display", () => {
  it("takes the currency from the action's params, else USD (the guard's budgets)", () => {
    expect(actionCurrency(order)).toEqual({ code: "EUR", assumed: false });
    expect(actionCurrency({ tool: "refunds.issue", params: { currency: "gbp" } })).toEqual({ code: "GBP", assumed: false });
    expect(actionCurrency({ tool: "refunds.issue", amount: 5 })).toEqual({ code: "USD", assumed: true });
    expect(actionCurrency({ tool: "x", params: { currency: "euros!" } }).code).toBe("USD");
  });

  it("formats an amount with its currency", () => {
    expect(formatActionAmount(1234.5, order)).toBe("1,234.50 EUR");
    expect(formatActionAmount(300, { tool: "refunds.issue" })).toBe("300 USD");
  });

  it("lists every parameter but amount and currency, objects as JSON", () => {
    expect(actionParams({ ...order, params: { ...order.params, lines: [{ sku: "A" }] }, resource: "erp" })).toEqual([
      { name: "vendor", value: "Acme" },
      { name: "item", value: "Laptop stand" },
      { name: "quantity", value: "30" },
      { name: "unitPrice", value: "41.15" },
      { name: "costCenter", value: "Finance" },
      { name: "lines", value: '[{"sku":"A"}]' },
      { name: "resource", value: "erp" },
    ]);
  });
});
