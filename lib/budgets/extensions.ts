import { db } from "../db/client";
import type { Extensions } from "./evaluate-budgets";
import { totalsKey } from "./spend-store";
import { windowStarts, type BudgetWindow } from "./windows";

// Extensions reviewers granted in the current windows of these scopes, summed per scope and window.
export async function readExtensions(keys: { scope: string; window: BudgetWindow }[], at = new Date()): Promise<Extensions> {
  if (keys.length === 0) return new Map();
  const starts = windowStarts(at);
  const rows = await db().budgetExtension.groupBy({
    by: ["scope", "window"],
    where: { OR: keys.map(({ scope, window }) => ({ scope, window, windowStart: starts[window] })) },
    _sum: { usd: true, tokens: true },
  });
  return new Map(
    rows.map((row) => [totalsKey(row.scope, row.window as BudgetWindow), { usd: Number(row._sum.usd ?? 0), tokens: Number(row._sum.tokens ?? 0) }]),
  );
}
