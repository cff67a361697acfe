// How an agent's action is shown to a reviewer (approval queue, decision log). Client-safe, pure.

type Action = { tool?: string; params?: Record<string, unknown>; amount?: number; resource?: string } | null | undefined;

/** Guard budgets are kept in USD: an amount whose action names no currency is read as USD. */
export const DEFAULT_CURRENCY = "USD";

const CURRENCY_PARAMS = ["currency", "currencyCode", "currency_code"];

// The demo's claims, refund and procurement agents send `currency: "EUR"` beside the amount.
export function actionCurrency(action: Action): { code: string; assumed: boolean } {
  for (const name of CURRENCY_PARAMS) {
    const value = action?.params?.[name];
    if (typeof value === "string" && /^[A-Za-z]{3}$/.test(value.trim())) return { code: value.trim().toUpperCase(), assumed: false };
  }
  return { code: DEFAULT_CURRENCY, assumed: true };
}

/** "1,234.50 EUR": the code after the figure, never a bare number. */
export function formatActionAmount(amount: number, action: Action): string {
  const { code } = actionCurrency(action);
  const figure = amount.toLocaleString("en-US", { minimumFractionDigits: Number.isInteger(amount) ? 0 : 2, maximumFractionDigits: 2 });
  return `${figure} ${code}`;
}

const formatValue = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value) ?? String(value));

/** Every parameter the agent sent, in its order, except the amount and currency shown in their own column. */
export function actionParams(action: Action): { name: string; value: string }[] {
  const shownElsewhere = new Set(["amount", ...CURRENCY_PARAMS]);
  const params = Object.entries(action?.params ?? {})
    .filter(([name]) => !shownElsewhere.has(name))
    .map(([name, value]) => ({ name, value: formatValue(value) }));
  if (action?.resource) params.push({ name: "resource", value: action.resource });
  return params;
}
