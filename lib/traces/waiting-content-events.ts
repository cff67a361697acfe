import type { SpanKey } from "./prepare-spans";

// Which spans of a just-stored batch have GenAI content events waiting for them (sent as OTLP logs
// before the span; lib/traces/attach-content-events.ts). Asked after the spans' statement has committed,
// so a log export that committed its pending events first is seen here, and one that commits later sees
// the spans. No database import: the ingest worker asks it over its own connection, off the main thread,
// and the main thread only does the (rare) moving of events.

export type RunRows = (text: string, params: unknown[]) => Promise<unknown[]>;

const WAITING_SQL = `SELECT DISTINCT trace_id, span_id FROM pending_span_events WHERE team_id = $1::uuid AND trace_id = ANY($2::text[])`;

export async function findWaitingSpans(run: RunRows, teamId: string, spans: SpanKey[]): Promise<SpanKey[]> {
  if (spans.length === 0) return [];
  const traceIds = [...new Set(spans.map((span) => span.traceId))];
  const rows = (await run(WAITING_SQL, [teamId, traceIds])) as { trace_id: string; span_id: string }[];
  if (rows.length === 0) return [];
  const inBatch = new Set(spans.map((span) => `${span.traceId}:${span.spanId}`));
  return rows.map((row) => ({ traceId: row.trace_id, spanId: row.span_id })).filter((key) => inBatch.has(`${key.traceId}:${key.spanId}`));
}
