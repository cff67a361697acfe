import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { assertCan, type Principal } from "../auth/principal";
import { teamAccess } from "../auth/team-access";
import { findAgentForPrincipal } from "../agents/get-agent";
import { decodeTraceCursor, encodeTraceCursor } from "./trace-cursor";
import { listTracesQuerySchema, type ListTracesInput } from "./schemas";
import { resolveTraceSearch } from "./trace-search";
import type { TraceSortKey } from "./trace-sort";
import { durationBetween, IN_PROGRESS_NAME, traceCostUsd, type TraceListItem, type TraceListPage } from "./trace-view";
import type { SpanStatus } from "./span-model";

type TraceRow = {
  trace_id: string;
  agent_slug: string;
  session_id: string | null;
  name: string;
  workflow: string | null;
  outcome: string | null;
  status: SpanStatus;
  start_time: Date;
  end_time: Date;
  cursor_value: string;
  span_count: number;
  error_count: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  unpriced_spans: number;
  models: string[] | null;
  version: string | null;
  in_progress: boolean;
};

// The sort keys as SQL over the traces table (ingest keeps every total there). Duration is exact
// seconds (numeric, microseconds as decimals); the cursor carries each value as the database prints it.
const sortColumn: Record<TraceSortKey, Prisma.Sql> = {
  startTime: Prisma.sql`t.start_time`,
  duration: Prisma.sql`(extract(epoch FROM t.end_time) - extract(epoch FROM t.start_time))`,
  cost: Prisma.sql`t.cost_usd`,
  tokens: Prisma.sql`(t.input_tokens + t.output_tokens)`,
};
const cursorValue: Record<TraceSortKey, Prisma.Sql> = {
  startTime: Prisma.sql`to_char(t.start_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  duration: Prisma.sql`(extract(epoch FROM t.end_time) - extract(epoch FROM t.start_time))::text`,
  cost: Prisma.sql`t.cost_usd::text`,
  tokens: Prisma.sql`(t.input_tokens + t.output_tokens)::text`,
};
const cursorCast: Record<TraceSortKey, Prisma.Sql> = {
  startTime: Prisma.raw("timestamptz"),
  duration: Prisma.raw("numeric"),
  cost: Prisma.raw("numeric"),
  tokens: Prisma.raw("bigint"),
};

// From the traces table only (ingest keeps its totals), so newest first costs one walk down
// traces(start_time) or traces(agent_id, start_time) however many spans are stored; the other orders
// sort the traces the filters leave (no index: it would cost every ingest batch's trace update).
// Raw SQL because the cursor compares at microsecond precision (see trace-cursor.ts).
export async function listTraces(principal: Principal, rawQuery: ListTracesInput = {}): Promise<TraceListPage> {
  const { sql, query, search } = await listTracesStatement(principal, rawQuery);
  const rows = await db().$queryRaw<TraceRow[]>(sql);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    traces: page.map(toListItem),
    nextCursor:
      rows.length > query.limit && last
        ? encodeTraceCursor({ sort: query.sort, order: query.order, value: last.cursor_value, traceId: last.trace_id })
        : null,
    matchedAs: search?.matchedAs ?? null,
  };
}

/** The statement listTraces runs (bench/trace-search.ts and a test EXPLAIN it to see the indexes it uses). */
export async function listTracesStatement(principal: Principal, rawQuery: ListTracesInput = {}) {
  assertCan(principal, "traces:read");
  const query = listTracesQuerySchema.parse(rawQuery);
  const conditions: Prisma.Sql[] = [];
  if (query.since && query.until && query.since > query.until) {
    throw new AppError("validation_failed", "Invalid input — until: the time range ends before it starts", {
      details: { fieldErrors: { until: ["Must not be before since"] }, formErrors: [] },
    });
  }

  const access = teamAccess(principal);
  if (!access.all) conditions.push(access.sql("t.team_id"));
  if (query.agent) {
    const agent = await findAgentForPrincipal(db(), principal, query.agent);
    conditions.push(Prisma.sql`t.agent_id = ${agent.id}::uuid`);
  }
  if (query.status) conditions.push(Prisma.sql`t.status = ${query.status}::"SpanStatus"`);
  if (query.since) conditions.push(Prisma.sql`t.start_time >= ${query.since.toISOString()}::timestamptz`);
  if (query.until) conditions.push(Prisma.sql`t.start_time <= ${query.until.toISOString()}::timestamptz`);
  if (query.model) conditions.push(Prisma.sql`${query.model} = ANY(t.models)`);
  if (query.minCost !== undefined) conditions.push(Prisma.sql`t.cost_usd >= ${String(query.minCost)}::numeric`);
  if (query.outcome) conditions.push(Prisma.sql`t.outcome = ${query.outcome}`);
  if (query.hasError === true) conditions.push(Prisma.sql`(t.error_count > 0 OR t.status = 'error')`);
  if (query.hasError === false) conditions.push(Prisma.sql`(t.error_count = 0 AND t.status <> 'error')`);
  if (query.version) conditions.push(Prisma.sql`t.version = ${query.version}`);
  if (query.session) conditions.push(Prisma.sql`t.session_id = ${query.session}`);
  const search = query.q ? await resolveTraceSearch(access, query.q) : null;
  if (search) conditions.push(search.condition);

  const sortBy = sortColumn[query.sort];
  const descending = query.order === "desc";
  if (query.cursor) {
    const cursor = decodeTraceCursor(query.cursor, query.sort, query.order);
    const value = Prisma.sql`${cursor.value}::${cursorCast[query.sort]}`;
    // The first term is the index range; the second breaks ties between equal sort values.
    conditions.push(
      descending
        ? Prisma.sql`${sortBy} <= ${value} AND (${sortBy} < ${value} OR t.trace_id < ${cursor.traceId})`
        : Prisma.sql`${sortBy} >= ${value} AND (${sortBy} > ${value} OR t.trace_id > ${cursor.traceId})`,
    );
  }

  const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const direction = Prisma.raw(descending ? "DESC" : "ASC");
  const sql = Prisma.sql`
    SELECT t.trace_id, a.slug AS agent_slug, t.session_id, t.name, t.workflow, t.outcome, t.status::text AS status,
           t.start_time, t.end_time, ${cursorValue[query.sort]} AS cursor_value,
           t.span_count, t.error_count, t.input_tokens::float8 AS input_tokens, t.output_tokens::float8 AS output_tokens,
           t.cost_usd::float8 AS cost_usd, t.unpriced_spans, t.models, t.version,
           (t.root_span_id IS NULL) AS in_progress
    FROM traces t
    JOIN agents a ON a.id = t.agent_id
    ${where}
    ORDER BY ${sortBy} ${direction}, t.trace_id ${direction}
    LIMIT ${query.limit + 1}`;
  return { sql, query, search };
}

function toListItem(row: TraceRow): TraceListItem {
  const costUsd = Number(row.cost_usd);
  const unpricedSpans = Number(row.unpriced_spans);
  return {
    traceId: row.trace_id,
    agent: { slug: row.agent_slug },
    sessionId: row.session_id,
    startTime: new Date(row.start_time).toISOString(),
    endTime: new Date(row.end_time).toISOString(),
    status: row.status,
    outcome: row.outcome,
    // Until the root span arrives the stored name is the earliest child's ("llm.chat"): not the task's.
    name: row.in_progress ? IN_PROGRESS_NAME : row.name,
    workflow: row.workflow,
    durationMs: durationBetween(row.start_time, row.end_time),
    spanCount: Number(row.span_count),
    errorCount: Number(row.error_count),
    unpricedSpans,
    models: row.models ?? [],
    version: row.version,
    totals: {
      inputTokens: Number(row.input_tokens),
      outputTokens: Number(row.output_tokens),
      costUsd: traceCostUsd(costUsd, unpricedSpans),
    },
    inProgress: Boolean(row.in_progress),
  };
}

// The newest trace matching the filters: what "new traces" are counted against on an older page.
export async function newestTraceId(principal: Principal, rawQuery: ListTracesInput = {}): Promise<string | null> {
  const { traces } = await listTraces(principal, { ...rawQuery, cursor: undefined, sort: undefined, order: undefined, limit: 1 });
  return traces[0]?.traceId ?? null;
}
