// Adds the `scoped` rows (scope, usd, tokens) onto the budget counters of the current day, week and
// month windows (parameters $first…$first+2), one row per scope and window, as a CTE named `counted`.
// Ingest (lib/traces/store-spans.ts) adds only positive spend (`>`); the overlap statement
// (lib/traces/overlapping-calls.ts) also takes spend back (`<>`). Guard-reported usage has its own
// statement (spend-store.ts): one delta for a list of scopes, returning the totals.
export const countedOnBudgets = (first: number, keep: ">" | "<>") => `counted AS (
  INSERT INTO budget_counters AS c (scope, "window", window_start, cost_usd, tokens, updated_at)
  SELECT s.scope, w.name, w.start, sum(s.usd), sum(s.tokens), now()
  FROM scoped s
  CROSS JOIN (VALUES ('day', $${first}::timestamptz), ('week', $${first + 1}::timestamptz), ('month', $${first + 2}::timestamptz)) AS w(name, start)
  GROUP BY s.scope, w.name, w.start
  HAVING sum(s.usd) ${keep} 0 OR sum(s.tokens) ${keep} 0
  ORDER BY 1, 2
  ON CONFLICT (scope, "window", window_start) DO UPDATE SET
    cost_usd = c.cost_usd + EXCLUDED.cost_usd, tokens = c.tokens + EXCLUDED.tokens, updated_at = now()
  RETURNING 1
)`;
