import { countedOnBudgets } from "../budgets/counter-sql";
import { windowStarts } from "../budgets/windows";
import { isUnstorableInput, sqlMessageOf } from "../db/sql-state";
import { cutWithEllipsis } from "../text/cut-text";
import type { RejectedSpan } from "./validate-span";
import { settleOverlappingCalls } from "./overlapping-calls";

// Writing a batch of spans and their traces' totals in ONE SQL statement (so in one implicit
// transaction, one round trip, the same on Postgres and PGlite):
//   1. the batch arrives as one JSON parameter, unpacked by jsonb_to_recordset (measured faster than
//      json_to_recordset and no slower than unnest of per-column arrays); an input/output that is an
//      attribute's value verbatim travels as that attribute's key, a third fewer bytes to send and parse;
//   2. spans whose trace belongs to another team are left out (reported back, never mixed in);
//   3. INSERT … ON CONFLICT (trace_id, span_id) DO NOTHING RETURNING — only new spans come back;
//   4. the traces' totals are computed from those new rows alone and upserted, so a re-sent batch
//      inserts nothing and changes nothing (idempotent), and a trace whose spans come in several
//      batches adds up. Rows are written in key order so concurrent batches lock in the same order;
//   5. (below) the spend goes onto the budget counters;
//   6. the agent version each trace ran (see VERSION_CTES) is resolved for the spans and the trace;
//   7. evaluation traffic (controlroom.eval.run_id / item_id) is marked on the trace and left out of the
//      budget counters (and, by the readers, of costs, drift and canary analysis);
//   8. (a second statement, lib/traces/overlapping-calls.ts) a model call two instrumentations both
//      reported is counted once in its trace's totals.
// The caller runs the statement (`RunQuery`): the ingest worker over connections of its own on
// PostgreSQL, the main thread through Prisma on the embedded database. No database import here, so the
// worker can load this file.

export type SpanOwner = { agentId: string; teamId: string };

// refused: spans the database would not store (see storeSpanRows), to be rejected.
export type StoreResult = { insertedSpans: number; traces: number; foreignTraceIds: string[]; refused: RejectedSpan[] };

const COLUMNS = `
  trace_id text, span_id text, parent_span_id text, session_id text, name text, kind text,
  start_time timestamptz, end_time timestamptz, status text, status_message text, model text, provider text,
  tool_name text, workflow text, input_tokens int, output_tokens int, cached_input_tokens int, reasoning_tokens int,
  cost_usd numeric, input text, output text, input_key text, output_key text, attributes jsonb, events jsonb, service text,
  outcome text, needs_price boolean, version text, trace_version text, eval_run_id text, eval_item_id text`;

// Root span fields win; otherwise the earliest span that has one.
const rootOr = (column: string) =>
  `COALESCE((array_agg(${column} ORDER BY start_time) FILTER (WHERE parent_span_id IS NULL AND ${column} IS NOT NULL))[1],
            (array_agg(${column} ORDER BY start_time) FILTER (WHERE ${column} IS NOT NULL))[1])`;

// On a trace seen before: a root span in this batch sets the field; else keep what was there; else take the new value.
const rootSets = (column: string) =>
  `${column} = COALESCE(CASE WHEN EXCLUDED.root_span_id IS NOT NULL THEN EXCLUDED.${column} END, traces.${column}, EXCLUDED.${column})`;

// 5. the new spans' spend goes onto the budget counters (lib/budgets/spend-store.ts) in the same
//    statement: per trace and agent, the change in the larger of span and guard-reported spend, so usage
//    an agent also reported on its guard calls is not counted twice. $4–$6: the day, week and month
//    windows the spend falls in (the time it arrives, like guard usage).
const SPEND_CTES = `
spent AS (
  SELECT t.trace_id, u.workflow, t.input_tokens + t.output_tokens AS tokens, t.cost_usd AS usd
  FROM totals t JOIN upserted u USING (trace_id)
  WHERE (t.input_tokens + t.output_tokens > 0 OR t.cost_usd > 0) AND u.eval_run_id IS NULL
),
traced AS (
  INSERT INTO trace_spend AS ts (trace_id, agent_id, span_usd, span_tokens, updated_at)
  SELECT trace_id, $2::uuid, usd, tokens, now() FROM spent ORDER BY trace_id
  ON CONFLICT (trace_id, agent_id) DO UPDATE SET
    span_usd = ts.span_usd + EXCLUDED.span_usd, span_tokens = ts.span_tokens + EXCLUDED.span_tokens, updated_at = now()
  RETURNING ts.trace_id, ts.guard_usd, ts.guard_tokens, ts.span_usd, ts.span_tokens
),
deltas AS (
  SELECT s.workflow,
    GREATEST(t.span_usd, t.guard_usd) - GREATEST(t.span_usd - s.usd, t.guard_usd) AS usd,
    GREATEST(t.span_tokens, t.guard_tokens) - GREATEST(t.span_tokens - s.tokens, t.guard_tokens) AS tokens
  FROM traced t JOIN spent s USING (trace_id)
),
scoped AS (
  SELECT 'agent:' || $2::uuid::text AS scope, usd, tokens FROM deltas
  UNION ALL SELECT 'team:' || $3::uuid::text, usd, tokens FROM deltas
  UNION ALL SELECT 'workflow:' || $2::uuid::text || ':' || workflow, usd, tokens FROM deltas WHERE workflow IS NOT NULL
),
${countedOnBudgets(4, ">")}`;

// 6. The version a trace ran: its root span's controlroom.version (span or resource) when named; else
//    the version it already has; else one its spans' resource names (trace_version: a child's own
//    attribute names only the child's); else the version the config call served its session
//    (version_sessions, by the agent and the trace's session). Spans that name no version get their
//    trace's. Cheap aggregates (min, no sorting): a trace's spans name one version and one session.
const VERSION_CTES = `
batch_traces AS (
  SELECT trace_id,
    min(trace_version) FILTER (WHERE parent_span_id IS NULL) AS root_version,
    min(trace_version) AS any_version,
    COALESCE(min(session_id) FILTER (WHERE parent_span_id IS NULL), min(session_id)) AS session_id
  FROM input
  GROUP BY trace_id
),
resolved AS (
  SELECT b.trace_id, b.root_version,
    COALESCE(b.root_version, k.version, b.any_version,
             -- a subselect: one primary-key probe, and only for a trace nothing else named a version for
             (SELECT vs.label FROM version_sessions vs WHERE vs.agent_id = $2::uuid AND vs.session_id = COALESCE(b.session_id, k.session_id))) AS version
  FROM batch_traces b
  LEFT JOIN known k USING (trace_id)
)`;

// An LLM span the overlap rule can pair (lib/traces/overlapping-calls.ts): a model, tokens, a scope.
const SCOPED_LLM = `kind = 'llm' AND model IS NOT NULL AND (input_tokens IS NOT NULL OR output_tokens IS NOT NULL)
      AND attributes ->> 'otel.scope.name' IS NOT NULL`;

const STORE_SQL = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS s(${COLUMNS})
),
known AS (
  SELECT t.trace_id, t.team_id, t.session_id, t.version FROM traces t WHERE t.trace_id IN (SELECT trace_id FROM input)
),
foreign_traces AS (
  SELECT trace_id FROM known WHERE team_id <> $3::uuid
),
${VERSION_CTES},
inserted AS (
  INSERT INTO spans (trace_id, span_id, parent_span_id, agent_id, team_id, session_id, name, kind, start_time, end_time,
    status, status_message, model, provider, tool_name, workflow, input_tokens, output_tokens, cached_input_tokens,
    reasoning_tokens, cost_usd, input, output, attributes, events, service, version)
  SELECT trace_id, span_id, parent_span_id, $2::uuid, $3::uuid, session_id, name, kind::"SpanKind", start_time, end_time,
    status::"SpanStatus", status_message, model, provider, tool_name, workflow, input_tokens, output_tokens,
    cached_input_tokens, reasoning_tokens, cost_usd, COALESCE(input, attributes ->> input_key),
    COALESCE(output, attributes ->> output_key), attributes, events, service, COALESCE(input.version, resolved.version)
  FROM input LEFT JOIN resolved USING (trace_id)
  WHERE trace_id NOT IN (SELECT trace_id FROM foreign_traces)
  ORDER BY trace_id, span_id
  ON CONFLICT (trace_id, span_id) DO NOTHING
  RETURNING trace_id, span_id
),
fresh AS (
  SELECT input.* FROM input JOIN inserted USING (trace_id, span_id)
),
totals AS (
  SELECT trace_id,
    (array_agg(span_id ORDER BY start_time) FILTER (WHERE parent_span_id IS NULL))[1] AS root_span_id,
    COALESCE((array_agg(name ORDER BY start_time) FILTER (WHERE parent_span_id IS NULL))[1], (array_agg(name ORDER BY start_time))[1]) AS name,
    ${rootOr("session_id")} AS session_id,
    ${rootOr("workflow")} AS workflow,
    ${rootOr("outcome")} AS outcome,
    CASE WHEN bool_or(status = 'error') THEN 'error' WHEN bool_or(status = 'ok') THEN 'ok' ELSE 'unset' END AS status,
    min(start_time) AS start_time,
    max(end_time) AS end_time,
    count(*)::int AS span_count,
    (count(*) FILTER (WHERE status = 'error'))::int AS error_count,
    COALESCE(sum(input_tokens), 0)::bigint AS input_tokens,
    COALESCE(sum(output_tokens), 0)::bigint AS output_tokens,
    COALESCE(sum(cost_usd), 0) AS cost_usd,
    (count(*) FILTER (WHERE needs_price AND cost_usd IS NULL))::int AS unpriced_spans,
    COALESCE(array_agg(DISTINCT model) FILTER (WHERE model IS NOT NULL), '{}') AS models,
    (array_agg(DISTINCT attributes ->> 'otel.scope.name') FILTER (WHERE ${SCOPED_LLM}))[1:2] AS llm_scopes,
    COALESCE(min(eval_run_id) FILTER (WHERE parent_span_id IS NULL), min(eval_run_id)) AS eval_run_id,
    COALESCE(min(eval_item_id) FILTER (WHERE parent_span_id IS NULL), min(eval_item_id)) AS eval_item_id
  FROM fresh
  GROUP BY trace_id
),
upserted AS (
  INSERT INTO traces (trace_id, agent_id, team_id, session_id, root_span_id, name, workflow, outcome, status,
    start_time, end_time, span_count, error_count, input_tokens, output_tokens, cost_usd, unpriced_spans, models, updated_at, version,
    completed_at, eval_run_id, eval_item_id, llm_scopes)
  SELECT trace_id, $2::uuid, $3::uuid, session_id, root_span_id, name, workflow, outcome, status::"SpanStatus",
    start_time, end_time, span_count, error_count, input_tokens, output_tokens, cost_usd, unpriced_spans, models, now(), resolved.version,
    CASE WHEN root_span_id IS NOT NULL THEN now() END, eval_run_id, eval_item_id, COALESCE(llm_scopes, '{}')
  FROM totals LEFT JOIN resolved USING (trace_id)
  ORDER BY trace_id
  ON CONFLICT (trace_id) DO UPDATE SET
    -- the agent whose root span it is owns the trace (several agents of a team may share one)
    agent_id = CASE WHEN EXCLUDED.root_span_id IS NOT NULL THEN EXCLUDED.agent_id ELSE traces.agent_id END,
    root_span_id = COALESCE(EXCLUDED.root_span_id, traces.root_span_id),
    name = CASE WHEN EXCLUDED.root_span_id IS NOT NULL
                  OR (traces.root_span_id IS NULL AND EXCLUDED.start_time < traces.start_time) THEN EXCLUDED.name
                ELSE traces.name END,
    ${rootSets("session_id")},
    ${rootSets("workflow")},
    ${rootSets("outcome")},
    status = CASE WHEN traces.status = 'error' OR EXCLUDED.status = 'error' THEN 'error'::"SpanStatus"
                  WHEN traces.status = 'ok' OR EXCLUDED.status = 'ok' THEN 'ok'::"SpanStatus"
                  ELSE 'unset'::"SpanStatus" END,
    start_time = LEAST(traces.start_time, EXCLUDED.start_time),
    end_time = GREATEST(traces.end_time, EXCLUDED.end_time),
    span_count = traces.span_count + EXCLUDED.span_count,
    error_count = traces.error_count + EXCLUDED.error_count,
    input_tokens = traces.input_tokens + EXCLUDED.input_tokens,
    output_tokens = traces.output_tokens + EXCLUDED.output_tokens,
    cost_usd = traces.cost_usd + EXCLUDED.cost_usd,
    unpriced_spans = traces.unpriced_spans + EXCLUDED.unpriced_spans,
    models = ARRAY(SELECT DISTINCT m FROM unnest(COALESCE(traces.models, '{}') || EXCLUDED.models) AS m ORDER BY m),
    -- the row's latest version (ON CONFLICT waits for a concurrent batch of the trace to commit), so the
    -- second of two batches with different scopes sees both; two are all the check needs
    llm_scopes = CASE WHEN traces.llm_scopes IS NULL OR cardinality(EXCLUDED.llm_scopes) = 0
                        OR cardinality(traces.llm_scopes) >= 2 THEN traces.llm_scopes
                      ELSE ARRAY(SELECT DISTINCT m FROM unnest(traces.llm_scopes || EXCLUDED.llm_scopes) AS m ORDER BY m LIMIT 2) END,
    -- a trace keeps its version once set, unless its root span arrives now naming one (the lookup runs
    -- only on that rare disagreement, so a batch of many traces costs nothing more)
    version = CASE WHEN traces.version IS NULL THEN EXCLUDED.version
                   WHEN EXCLUDED.root_span_id IS NOT NULL AND EXCLUDED.version IS DISTINCT FROM traces.version
                        AND EXISTS (SELECT 1 FROM resolved r WHERE r.trace_id = EXCLUDED.trace_id AND r.root_version IS NOT NULL)
                     THEN EXCLUDED.version
                   ELSE traces.version END,
    -- the task is complete when its root span is stored (drift monitoring reads tasks in this order)
    completed_at = COALESCE(traces.completed_at, EXCLUDED.completed_at),
    ${rootSets("eval_run_id")},
    ${rootSets("eval_item_id")},
    updated_at = now()
  -- a trace another team created between the check above and here keeps its totals untouched
  WHERE traces.team_id = EXCLUDED.team_id
  RETURNING trace_id, workflow, eval_run_id, llm_scopes
),
${SPEND_CTES}
SELECT (SELECT count(*) FROM inserted)::int AS inserted_spans,
       (SELECT count(*) FROM upserted)::int AS traces,
       COALESCE((SELECT array_agg(trace_id) FROM foreign_traces), '{}') AS foreign_trace_ids,
       -- traces with a new model call where another instrumentation may have reported it too: their LLM
       -- spans now come from two scopes (or from unknown ones: a trace stored before llm_scopes)
       COALESCE((SELECT array_agg(t.trace_id) FROM totals t JOIN upserted u USING (trace_id)
                 WHERE cardinality(t.llm_scopes) > 0 AND (u.llm_scopes IS NULL OR cardinality(u.llm_scopes) >= 2)), '{}') AS llm_trace_ids`;

export type StoreRow = { inserted_spans: number; traces: number; foreign_trace_ids: string[] | null; llm_trace_ids?: string[] | null };
export type RunQuery = (text: string, params: unknown[]) => Promise<StoreRow[]>;

// Stores the batch in one statement; the rows are built by lib/traces/span-rows.ts (null when there are
// none). Validation (lib/traces/validate-span.ts) rejects what it knows the database cannot hold; should
// the database still refuse a value of the batch (a data exception: it will refuse it on every retry),
// the batch is halved until the refused spans stand alone, and they are returned to be rejected while
// the rest is stored (ON CONFLICT makes the split batches add up as one). When every span is refused,
// the fault is not the spans', and when isolating takes more than ISOLATION_STATEMENTS statements (a few
// bad spans cost 2·log2(batch) each), it is not a few spans': then the error is thrown as it came.
const ISOLATION_STATEMENTS = 48;

type SpanRow = { trace_id: string; span_id: string };

export async function storeSpanRows(run: RunQuery, owner: SpanOwner, rowsJson: string | null): Promise<StoreResult> {
  if (rowsJson === null) return { insertedSpans: 0, traces: 0, foreignTraceIds: [], refused: [] };
  try {
    return { ...(await storeBatch(run, owner, rowsJson)), refused: [] };
  } catch (error) {
    const rows = JSON.parse(rowsJson) as SpanRow[];
    if (!isUnstorableInput(error) || rows.length === 1) throw error;
    const isolated = await storeIsolating(run, owner, rows, { statements: ISOLATION_STATEMENTS });
    if (!isolated || isolated.refused.length === rows.length) throw error;
    console.error(`[control-room] ${isolated.refused.length} span(s) refused by the database; the rest of the batch was stored`, error);
    return isolated;
  }
}

// undefined when the statement budget ran out.
async function storeIsolating(run: RunQuery, owner: SpanOwner, rows: SpanRow[], budget: { statements: number }): Promise<StoreResult | undefined> {
  if (budget.statements-- <= 0) return undefined;
  try {
    return { ...(await storeBatch(run, owner, JSON.stringify(rows))), refused: [] };
  } catch (error) {
    if (!isUnstorableInput(error)) throw error;
    if (rows.length === 1) {
      const [{ trace_id: traceId, span_id: spanId }] = rows;
      const problem = `the database cannot store it: ${cutWithEllipsis(sqlMessageOf(error) ?? "a value is out of range", 160)}`;
      return { insertedSpans: 0, traces: 0, foreignTraceIds: [], refused: [{ traceId, spanId, problem }] };
    }
    const middle = Math.ceil(rows.length / 2);
    const first = await storeIsolating(run, owner, rows.slice(0, middle), budget);
    const second = first && (await storeIsolating(run, owner, rows.slice(middle), budget));
    if (!first || !second) return undefined;
    return {
      insertedSpans: first.insertedSpans + second.insertedSpans,
      traces: first.traces + second.traces,
      foreignTraceIds: [...new Set([...first.foreignTraceIds, ...second.foreignTraceIds])],
      refused: [...first.refused, ...second.refused],
    };
  }
}

async function storeBatch(run: RunQuery, owner: SpanOwner, rowsJson: string): Promise<Omit<StoreResult, "refused">> {
  const starts = windowStarts(new Date());
  const [row] = await run(STORE_SQL, [rowsJson, owner.agentId, owner.teamId, starts.day, starts.week, starts.month]);
  await settleOverlappingCalls(run, row.llm_trace_ids ?? [], starts);
  return { insertedSpans: Number(row.inserted_spans), traces: Number(row.traces), foreignTraceIds: row.foreign_trace_ids ?? [] };
}
