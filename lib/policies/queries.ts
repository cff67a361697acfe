// TanStack Query keys for policy data (client-safe). A backtest is keyed by the exact draft text it
// replayed, so a changed draft is a new backtest and an unchanged one is not run twice.
export const policyQueryKeys = {
  backtest: (slug: string, scopeKey: string, documentText: string) => ["policies", slug, "backtest", scopeKey, documentText] as const,
};
