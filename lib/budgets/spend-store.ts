import { db } from "../db/client";
import { sql } from "../db/sql";
import { spendScopes, type SpendOwner } from "./scopes";
import { budgetWindows, windowStarts, type BudgetWindow } from "./windows";

// Budget counters: one row per (scope, window, window start), added to by one INSERT … ON CONFLICT DO
// UPDATE … RETURNING statement, so parallel calls serialise on the row and each one sees the total that
// includes its own spend and everything committed before it: no call can read a stale total and
// overspend. A trace's spend counts once per agent: guard usage and span usage are kept apart in
// trace_spend, and the counters get the change in the larger of the two.

export type Spend = { usd: number; tokens: number };
export type SpendTotals = Map<string, Spend>; // `${scope}|${window}` → total in the current window

export const totalsKey = (scope: string, window: BudgetWindow) => `${scope}|${window}`;

type TotalRow = { scope: string; window: BudgetWindow; usd: number; tokens: number };

const toTotals = (rows: TotalRow[]): SpendTotals => new Map(rows.map((row) => [totalsKey(row.scope, row.window), { usd: Number(row.usd), tokens: Number(row.tokens) }]));

// $1 trace id or null, $2 agent id, $3 usd, $4 tokens, $5 scopes, $6 day start, $7 week start, $8 month start.
const RECORD_GUARD_SPEND = `
WITH traced AS (
  INSERT INTO trace_spend AS t (trace_id, agent_id, guard_usd, guard_tokens, updated_at)
  SELECT $1::text, $2::uuid, $3::numeric, $4::bigint, now() WHERE $1::text IS NOT NULL
  ON CONFLICT (trace_id, agent_id) DO UPDATE SET
    guard_usd = t.guard_usd + EXCLUDED.guard_usd, guard_tokens = t.guard_tokens + EXCLUDED.guard_tokens, updated_at = now()
  RETURNING GREATEST(t.guard_usd, t.span_usd) - GREATEST(t.guard_usd - $3::numeric, t.span_usd) AS usd,
            GREATEST(t.guard_tokens, t.span_tokens) - GREATEST(t.guard_tokens - $4::bigint, t.span_tokens) AS tokens
),
delta AS (
  SELECT usd, tokens FROM traced
  UNION ALL SELECT $3::numeric, $4::bigint WHERE $1::text IS NULL
),
counted AS (
INSERT INTO budget_counters AS c (scope, "window", window_start, cost_usd, tokens, updated_at)
SELECT s.scope, w.name, w.start, d.usd, d.tokens, now()
FROM delta d
CROSS JOIN unnest($5::text[]) AS s(scope)
CROSS JOIN (VALUES ('day', $6::timestamptz), ('week', $7::timestamptz), ('month', $8::timestamptz)) AS w(name, start)
ORDER BY 1, 2
ON CONFLICT (scope, "window", window_start) DO UPDATE SET
  cost_usd = c.cost_usd + EXCLUDED.cost_usd, tokens = c.tokens + EXCLUDED.tokens, updated_at = now()
RETURNING c.scope, c."window", c.cost_usd, c.tokens
)
SELECT counted.scope, counted."window" AS window, counted.cost_usd::float8 AS usd, counted.tokens::float8 AS tokens,
  (SELECT usd FROM delta)::float8 AS delta_usd, (SELECT tokens FROM delta)::float8 AS delta_tokens
FROM counted`;

export type RecordedSpend = { totals: SpendTotals; delta: Spend };

// Adds one guard call's reported usage; returns the totals after it and what it added (less than the
// usage when the trace's spans had already counted it).
export async function recordGuardSpend(owner: SpendOwner & { traceId?: string | null }, spend: Spend, at = new Date()): Promise<RecordedSpend> {
  const starts = windowStarts(at);
  const scopes = spendScopes(owner);
  const rows = await sql<TotalRow & { delta_usd: number; delta_tokens: number }>(
    RECORD_GUARD_SPEND,
    owner.traceId ?? null,
    owner.agentId,
    spend.usd,
    Math.round(spend.tokens),
    scopes,
    starts.day,
    starts.week,
    starts.month,
  );
  const first = rows[0];
  return { totals: toTotals(rows), delta: first ? { usd: Number(first.delta_usd), tokens: Number(first.delta_tokens) } : { usd: 0, tokens: 0 } };
}

// The current windows' totals of these scopes (rows that do not exist yet are 0).
export async function readSpend(scopes: string[], at = new Date()): Promise<SpendTotals> {
  if (scopes.length === 0) return new Map();
  const starts = windowStarts(at);
  const rows = await sql<TotalRow>(
    `SELECT c.scope, c."window" AS window, c.cost_usd::float8 AS usd, c.tokens::float8 AS tokens
     FROM budget_counters c
     JOIN (VALUES ('day', $2::timestamptz), ('week', $3::timestamptz), ('month', $4::timestamptz)) AS w(name, start)
       ON c."window" = w.name AND c.window_start = w.start
     WHERE c.scope = ANY($1::text[])`,
    scopes,
    starts.day,
    starts.week,
    starts.month,
  );
  return toTotals(rows);
}

export const spendOf = (totals: SpendTotals, scope: string, window: BudgetWindow): Spend => totals.get(totalsKey(scope, window)) ?? { usd: 0, tokens: 0 };
export { budgetWindows };
