import { parentPort } from "node:worker_threads";
import pg from "pg";
import { AppError } from "../errors/app-error";
import { statementName } from "../db/statement-name";
import type { PriceBook } from "../costs/price-span";
import { prepareBatch, type BatchInput, type PreparedBatch } from "./prepare-spans";
import { storeSpanRows, type RunQuery, type SpanOwner, type StoreResult } from "./store-spans";
import { findWaitingSpans } from "./waiting-content-events";
import type { SpanKey } from "./prepare-spans";

// The ingest worker thread (started by lib/traces/batch-worker.ts): prepares OTLP batches off the main
// thread, where the guard answers agents, and on PostgreSQL also writes them over connections of its
// own, so the main thread never sends the big statement either. Its garbage is collected on its own heap.

// `connections`: the most batches in flight at once (the ingest limiter's concurrency), so the most connections.
export type StoreTarget = { databaseUrl: string; connections: number; owner: SpanOwner };
// input.book is left out when the worker already has that price book (lib/traces/batch-worker.ts).
export type BatchRequest = { id: number; input: Omit<BatchInput, "book"> & { book?: PriceBook }; store?: StoreTarget };
export type Refusal = { code: AppError["code"]; message: string; details?: unknown; retryAfterSeconds?: number };
// A store that failed comes back as the database's error (message, SQLSTATE), for the main thread to judge.
// waiting: stored spans with GenAI content events waiting for them (lib/traces/waiting-content-events.ts).
export type StoreOutcome = { stored: StoreResult; waiting: SpanKey[] } | { failed: { message: string; code?: string } };
export type BatchReply =
  | { id: number; batch: PreparedBatch; outcome?: StoreOutcome }
  | { id: number; refused: Refusal }
  | { id: number; failed: string };

const pools = new Map<string, pg.Pool>();
let priceBook: PriceBook | undefined;

async function store(target: StoreTarget, rowsJson: string | null, storable: SpanKey[]): Promise<StoreOutcome> {
  let pool = pools.get(target.databaseUrl);
  if (!pool) {
    pool = new pg.Pool({ connectionString: target.databaseUrl, max: target.connections, allowExitOnIdle: true });
    pool.on("error", () => {}); // an idle connection that dies is replaced on next use
    pools.set(target.databaseUrl, pool);
  }
  try {
    // A named prepared statement: planning the store statement costs PostgreSQL more than a third of
    // running it for a few hundred spans, so each connection plans it once.
    const run: RunQuery = async (text, params) => (await pool.query({ name: statementName(text), text, values: params })).rows;
    const stored = await storeSpanRows(run, target.owner, rowsJson);
    return { stored, waiting: await findWaitingSpans(run, target.owner.teamId, storable) };
  } catch (error) {
    return { failed: { message: (error as Error).message, code: (error as { code?: string }).code } };
  }
}

parentPort?.on("message", async ({ id, input, store: target }: BatchRequest) => {
  let reply: BatchReply;
  try {
    priceBook = input.book ?? priceBook;
    if (!priceBook) throw new Error("no price book was sent with the worker's first batch");
    const batch = await prepareBatch({ ...input, book: priceBook });
    // Rows stored here need not travel back.
    reply = target ? { id, batch: { ...batch, rowsJson: null }, outcome: await store(target, batch.rowsJson, batch.storable) } : { id, batch };
  } catch (error) {
    reply =
      error instanceof AppError
        ? { id, refused: { code: error.code, message: error.message, details: error.details, retryAfterSeconds: error.retryAfterSeconds } }
        : { id, failed: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(reply);
});
