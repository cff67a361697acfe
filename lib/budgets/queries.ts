import { getJson } from "@/lib/get-json";
import type { BudgetList } from "./list-budgets";

// TanStack Query keys and fetcher for the budgets views (client-safe: types only from the server side).
export const budgetQueryKeys = {
  all: ["budgets"] as const,
  list: (agent?: string) => ["budgets", "list", agent ?? "all"] as const,
};

export const BUDGETS_REFRESH_MS = 15_000;

export function fetchBudgets(agent?: string): Promise<BudgetList> {
  const search = agent ? `?agent=${encodeURIComponent(agent)}` : "";
  return getJson<BudgetList>(`/api/v1/budgets${search}`);
}
