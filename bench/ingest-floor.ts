import { randomBytes } from "node:crypto";
import pg from "pg";
import { buildPriceBook, type PriceBook } from "../lib/costs/price-span";
import { prepareBatch } from "../lib/traces/prepare-spans";
import type { BatchTemplate } from "./otlp-template";

// The floor for ingest (issue 14): the same span rows ingest stores for the same batches, written
// straight from node with pg — one multi-row INSERT per batch, one writer per connection — into a copy of
// the spans table. `LIKE spans INCLUDING ALL` copies its columns, defaults, primary key and the three
// secondary indexes (spans has no foreign keys or triggers), so every row costs the floor the same
// index maintenance as ingest. The floor stores spans only: ingest's traces totals, budget counters,
// version lookup, decoding and HTTP are what the ratio measures.

export const FLOOR_TABLE = "bench_floor_spans";

// The spans columns ingest writes (lib/traces/store-spans.ts), in that order; received_at is the default.
const COLUMNS = [
  "trace_id", "span_id", "parent_span_id", "agent_id", "team_id", "session_id", "name", "kind", "start_time", "end_time",
  "status", "status_message", "model", "provider", "tool_name", "workflow", "input_tokens", "output_tokens",
  "cached_input_tokens", "reasoning_tokens", "cost_usd", "input", "output", "attributes", "events", "service", "version",
] as const;

// A template's rows as parameter values, with where its ids sit so each batch gets fresh ones.
type FloorBatch = {
  sql: string;
  values: unknown[]; // rows × columns, flattened
  traceIndex: number[]; // per row: which of the batch's traces
  parentIndex: (number | null)[]; // per row: the row of its parent span (null: a root)
  traces: number;
};

export type FloorOwner = { agentId: string; teamId: string };
export type FloorTotals = { rows: number; measuredRows: number; statements: number; latenciesMs: number[] };

type StoredRow = Record<string, unknown> & { attributes: Record<string, unknown>; input_key: string | null; output_key: string | null };

async function readPriceBook(client: pg.Client): Promise<PriceBook> {
  const { rows } = await client.query<{ model: string; input: string; output: string; cached: string | null; from: Date }>(
    `SELECT model, input_per_mtok AS input, output_per_mtok AS output, cached_input_per_mtok AS cached, effective_from AS from FROM model_prices`,
  );
  return buildPriceBook(
    rows.map((row) => ({
      model: row.model,
      inputPerMTok: Number(row.input),
      outputPerMTok: Number(row.output),
      cachedInputPerMTok: row.cached === null ? null : Number(row.cached),
      effectiveFrom: row.from,
    })),
  );
}

// The rows ingest's own preparation (decode, dialects, pricing, row building) makes of one template.
async function floorBatch(template: BatchTemplate, book: PriceBook, owner: FloorOwner): Promise<FloorBatch> {
  const prepared = await prepareBatch({ body: template.next(), contentType: "application/x-protobuf", book });
  const rows = JSON.parse(prepared.rowsJson ?? "[]") as StoredRow[];
  const traceIds = [...new Set(rows.map((row) => row.trace_id as string))];
  const rowOfSpan = new Map(rows.map((row, index) => [row.span_id as string, index]));
  const values: unknown[] = [];
  for (const row of rows) {
    const stored: Record<(typeof COLUMNS)[number], unknown> = {
      ...(Object.fromEntries(COLUMNS.map((column) => [column, row[column] ?? null])) as Record<(typeof COLUMNS)[number], unknown>),
      agent_id: owner.agentId,
      team_id: owner.teamId,
      input: row.input ?? (row.input_key ? row.attributes[row.input_key] : null),
      output: row.output ?? (row.output_key ? row.attributes[row.output_key] : null),
      attributes: JSON.stringify(row.attributes),
      events: row.events ? JSON.stringify(row.events) : null,
    };
    values.push(...COLUMNS.map((column) => stored[column]));
  }
  const placeholders = rows.map((_, row) => `(${COLUMNS.map((_, column) => `$${row * COLUMNS.length + column + 1}`).join(",")})`);
  return {
    sql: `INSERT INTO ${FLOOR_TABLE} (${COLUMNS.join(", ")}) VALUES ${placeholders.join(",")}`,
    values,
    traceIndex: rows.map((row) => traceIds.indexOf(row.trace_id as string)),
    parentIndex: rows.map((row) => (row.parent_span_id ? (rowOfSpan.get(row.parent_span_id as string) ?? null) : null)),
    traces: traceIds.length,
  };
}

// A batch's parameters with fresh random trace and span ids (hex, as ingest stores them).
function withFreshIds(batch: FloorBatch): unknown[] {
  const rowCount = batch.traceIndex.length;
  const bytes = randomBytes(batch.traces * 16 + rowCount * 8);
  const traceIds = Array.from({ length: batch.traces }, (_, index) => bytes.toString("hex", index * 16, index * 16 + 16));
  const spansFrom = batch.traces * 16;
  const spanIds = Array.from({ length: rowCount }, (_, index) => bytes.toString("hex", spansFrom + index * 8, spansFrom + index * 8 + 8));
  const values = batch.values.slice();
  for (let row = 0; row < rowCount; row++) {
    const at = row * COLUMNS.length;
    const parent = batch.parentIndex[row];
    values[at] = traceIds[batch.traceIndex[row]];
    values[at + 1] = spanIds[row];
    values[at + 2] = parent === null ? values[at + 2] : spanIds[parent];
  }
  return values;
}

export type Floor = {
  existingSpans: number; // rows spans held when the copy was made (estimate): the copy starts empty
  run(options: { writers: number; measureFrom: number; until: number }): Promise<FloorTotals>;
  storedRows(): Promise<number>;
  settle(): Promise<boolean>; // a CHECKPOINT before a phase; false when the role may not run one
  close(): Promise<void>; // drops the copy table
};

export async function openFloor(databaseUrl: string, agent: string, templates: BatchTemplate[]): Promise<Floor> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  const owner = await admin.query<{ agentId: string; teamId: string }>(`SELECT id AS "agentId", team_id AS "teamId" FROM agents WHERE slug = $1`, [agent]);
  if (!owner.rows[0]) throw new Error(`The floor needs the agent ${agent} in the database at ${databaseUrl}: is it the server's?`);
  const book = await readPriceBook(admin);
  const batches = await Promise.all(templates.map((template) => floorBatch(template, book, owner.rows[0])));
  await admin.query(`DROP TABLE IF EXISTS ${FLOOR_TABLE}`);
  await admin.query(`CREATE TABLE ${FLOOR_TABLE} (LIKE spans INCLUDING ALL)`);
  const existing = await admin.query<{ rows: number }>(`SELECT GREATEST(reltuples, 0)::float8 AS rows FROM pg_class WHERE oid = 'spans'::regclass`);

  return {
    existingSpans: existing.rows[0]?.rows ?? 0,
    async run({ writers, measureFrom, until }) {
      const totals: FloorTotals = { rows: 0, measuredRows: 0, statements: 0, latenciesMs: [] };
      const clients = await Promise.all(
        Array.from({ length: writers }, async () => {
          const client = new pg.Client({ connectionString: databaseUrl });
          await client.connect();
          return client;
        }),
      );
      try {
        await Promise.all(
          clients.map(async (client) => {
            while (Date.now() < until) {
              const batch = batches[Math.floor(Math.random() * batches.length)];
              const values = withFreshIds(batch);
              const measured = Date.now() >= measureFrom;
              const started = performance.now();
              const result = await client.query(batch.sql, values);
              totals.statements++;
              totals.rows += result.rowCount ?? 0;
              if (measured) {
                totals.measuredRows += result.rowCount ?? 0;
                totals.latenciesMs.push(performance.now() - started);
              }
            }
          }),
        );
      } finally {
        await Promise.all(clients.map((client) => client.end()));
      }
      return totals;
    },
    async storedRows() {
      const { rows } = await admin.query<{ count: string }>(`SELECT count(*)::text AS count FROM ${FLOOR_TABLE}`);
      return Number(rows[0].count);
    },
    // Each phase starts with the other's dirty pages written out: with a small shared_buffers and
    // max_wal_size, a checkpoint (or the evictions) one phase caused otherwise lands on the next.
    async settle() {
      try {
        await admin.query("CHECKPOINT");
        return true;
      } catch {
        return false; // CHECKPOINT needs a superuser or pg_checkpoint (PostgreSQL 15+)
      }
    },
    async close() {
      try {
        await admin.query(`DROP TABLE IF EXISTS ${FLOOR_TABLE}`);
      } finally {
        await admin.end();
      }
    },
  };
}
