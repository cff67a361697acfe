import type { BudgetList } from "./list-budgets";

// TanStack Query keys and fetcher for the budgets views (client-safe: types only from the server side).
export const budgetQueryKeys = {
  all: ["budgets"] as const,
  list: (agent?: string) => ["budgets", "list", agent ?? "all"] as const,
};

export const BUDGETS_REFRESH_MS = 15_000;

export async function fetchBudgets(agent?: string): Promise<BudgetList> {
  const search = agent ? `?agent=${encodeURIComponent(agent)}` : "";
  const response = await fetch(`/api/v1/budgets${search}`, { cache: "no-store", headers: { accept: "application/json" } });
  const body = (await response.json().catch(() => null)) as (BudgetList & { error?: { message?: string } }) | null;
  if (!response.ok) throw new Error(body?.error?.message ?? `The server answered ${response.status}`);
  if (body === null) throw new Error("The server sent an empty answer");
  return body;
}
