import { countedOnBudgets } from "../budgets/counter-sql";
import type { RunQuery } from "./store-spans";

// One model call reported twice. Two instrumentations of the same process (LangChain's and OpenAI's,
// say) each write an LLM span for the same request: same model, same input and output tokens,
// overlapping in time, from different instrumentation scopes (`otel.scope.name`, stored on LLM spans at
// ingest by lib/traces/dialects). Both spans stay visible; the trace's totals count the call once.
//
// Which one counts: the one that started first (then the lower span id): the outer, wrapping
// instrumentation starts before the client library it calls, and the rule needs nothing but the two
// spans, so it gives the same answer whichever arrives first. The others get `duplicate_of` = that span.
//
// When: at ingest, right after a batch is stored (storeSpanRows), for the traces whose new spans include
// an LLM span with tokens and a scope, once the trace's LLM spans come from two scopes (traces.llm_scopes,
// kept by the store statement from the row's latest version, so of two concurrent batches the second sees
// both; null on traces stored before it: always checked). One scope can't pair with itself, so a trace
// of one instrumentation, the usual case, costs no second statement. It re-decides the whole trace from what is stored, so the order the spans
// arrive in (one batch or several) does not matter, and the trace's totals move by exactly the spans whose
// decision changed. The span rows are locked first (FOR UPDATE, in key order), so two batches of one
// trace decide one after the other. It is a second statement: should it not run (a crash between the
// two), the call stays counted twice until the trace's next LLM span arrives. Budget counters (and
// trace_spend) move with the totals, in the windows current when the statement runs (as ingest adds
// spend when it arrives).
// "Same model" allows a dated snapshot of it: a wrapper (LangChain) reports the model it asked for,
// "gpt-4o-mini", the client the model that answered, "gpt-4o-mini-2024-07-18". Names are compared
// lower-case, without a provider prefix ("openai/"), as prices are (lib/costs/price-span.ts).
const SNAPSHOT_SUFFIX = String.raw`^(\d{4}-\d{2}-\d{2}|\d{8}|\d{3,4}|latest)$`;
const snapshotOf = (dated: string, base: string) =>
  `(starts_with(${dated}, ${base} || '-') AND substr(${dated}, length(${base}) + 2) ~ '${SNAPSHOT_SUFFIX}')`;

export const OVERLAPPING_CALLS_SQL = `
WITH llm AS (
  SELECT trace_id, span_id, lower(regexp_replace(model, '^.*/', '')) AS model, input_tokens, output_tokens,
         start_time, end_time, cost_usd, duplicate_of, attributes ->> 'otel.scope.name' AS scope
  FROM spans
  WHERE trace_id = ANY($1::text[]) AND kind = 'llm' AND model IS NOT NULL
    AND (input_tokens IS NOT NULL OR output_tokens IS NOT NULL)
  ORDER BY trace_id, span_id
  FOR UPDATE
),
decided AS (
  SELECT later.trace_id, later.span_id, later.duplicate_of AS was, (
    SELECT first.span_id FROM llm first
    WHERE first.trace_id = later.trace_id AND first.span_id <> later.span_id
      AND (first.model = later.model OR ${snapshotOf("first.model", "later.model")} OR ${snapshotOf("later.model", "first.model")})
      AND first.input_tokens IS NOT DISTINCT FROM later.input_tokens
      AND first.output_tokens IS NOT DISTINCT FROM later.output_tokens
      AND first.start_time <= later.end_time AND later.start_time <= first.end_time
      AND first.scope IS NOT NULL AND later.scope IS NOT NULL AND first.scope <> later.scope
      AND (first.start_time, first.span_id) < (later.start_time, later.span_id)
    ORDER BY first.start_time, first.span_id
    LIMIT 1
  ) AS now
  FROM llm later
),
changed AS (
  UPDATE spans s SET duplicate_of = d.now
  FROM decided d
  WHERE s.trace_id = d.trace_id AND s.span_id = d.span_id AND d.was IS DISTINCT FROM d.now
  RETURNING s.trace_id, s.input_tokens, s.output_tokens, s.cost_usd,
            CASE WHEN d.now IS NOT NULL AND d.was IS NULL THEN -1 WHEN d.now IS NULL AND d.was IS NOT NULL THEN 1 ELSE 0 END AS sign
),
moved AS (
  SELECT trace_id,
         sum(sign * COALESCE(input_tokens, 0)) AS input_tokens,
         sum(sign * COALESCE(output_tokens, 0)) AS output_tokens,
         sum(sign * COALESCE(cost_usd, 0)) AS cost_usd,
         sum(CASE WHEN cost_usd IS NULL THEN sign ELSE 0 END) AS unpriced_spans
  FROM changed WHERE sign <> 0
  GROUP BY trace_id
),
adjusted AS (
  UPDATE traces t SET
    input_tokens = t.input_tokens + m.input_tokens,
    output_tokens = t.output_tokens + m.output_tokens,
    cost_usd = t.cost_usd + m.cost_usd,
    unpriced_spans = t.unpriced_spans + m.unpriced_spans,
    updated_at = now()
  FROM moved m
  WHERE t.trace_id = m.trace_id
  RETURNING t.trace_id, t.agent_id, t.team_id, t.workflow, t.eval_run_id
),
-- The budget counters move the same way ingest moved them (lib/traces/store-spans.ts, SPEND_CTES):
-- by the change in the larger of span and guard-reported spend, into the current windows ($2–$4).
spend_moved AS (
  SELECT m.trace_id, a.agent_id, a.team_id, a.workflow, m.cost_usd AS usd, m.input_tokens + m.output_tokens AS tokens
  FROM moved m JOIN adjusted a USING (trace_id)
  WHERE a.eval_run_id IS NULL
),
traced AS (
  UPDATE trace_spend ts SET span_usd = ts.span_usd + s.usd, span_tokens = ts.span_tokens + s.tokens, updated_at = now()
  FROM spend_moved s
  WHERE ts.trace_id = s.trace_id AND ts.agent_id = s.agent_id
  RETURNING ts.trace_id, ts.guard_usd, ts.guard_tokens, ts.span_usd, ts.span_tokens
),
deltas AS (
  SELECT s.agent_id, s.team_id, s.workflow,
    GREATEST(t.span_usd, t.guard_usd) - GREATEST(t.span_usd - s.usd, t.guard_usd) AS usd,
    GREATEST(t.span_tokens, t.guard_tokens) - GREATEST(t.span_tokens - s.tokens, t.guard_tokens) AS tokens
  FROM traced t JOIN spend_moved s USING (trace_id)
),
scoped AS (
  SELECT 'agent:' || agent_id::text AS scope, usd, tokens FROM deltas
  UNION ALL SELECT 'team:' || team_id::text, usd, tokens FROM deltas
  UNION ALL SELECT 'workflow:' || agent_id::text || ':' || workflow, usd, tokens FROM deltas WHERE workflow IS NOT NULL
),
${countedOnBudgets(2, "<>")}
SELECT (SELECT count(*) FROM changed)::int AS changed_spans`;

/** Re-decides overlapping model calls in these traces (see above); no statement when there are none. */
export async function settleOverlappingCalls(run: RunQuery, traceIds: string[], starts: { day: Date; week: Date; month: Date }): Promise<number> {
  if (traceIds.length === 0) return 0;
  const [row] = (await run(OVERLAPPING_CALLS_SQL, [traceIds, starts.day, starts.week, starts.month])) as unknown as { changed_spans: number }[];
  return Number(row?.changed_spans ?? 0);
}
