import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { AppError } from "../errors/app-error";
import type { PriceBook } from "../costs/price-span";
import type { BatchReply, BatchRequest, StoreOutcome, StoreTarget } from "./ingest-worker";
import type { BatchInput, PreparedBatch } from "./prepare-spans";
import { processState } from "../cache/process-state";
import { ownsItsBuffer } from "./read-body";

// Ingest's CPU (decoding, validation, dialect mapping, pricing, building the insert's rows) and, on
// PostgreSQL, its big insert run on worker threads, so a burst of batches does not queue the guard's
// requests behind it on the main event loop, and the OS schedules them apart. A batch goes to the
// worker with the fewest batches in hand, so batches in flight are prepared in parallel rather than
// queued behind one another (CONTROLROOM_INGEST_WORKERS, default: the CPUs, at most 2). Workers are
// started on first use and again after one dies. Batches in flight on a worker that dies get 503: the
// exporter retries, and a batch that had already been stored is then a duplicate.

export type WorkerResult = { batch: PreparedBatch; outcome?: StoreOutcome };
type Pending = { resolve: (result: WorkerResult) => void; reject: (error: unknown) => void };
// book: the price book this worker has (sent again only when the caller's changes, not with every batch).
type Running = { worker: Worker; pending: Map<number, Pending>; book?: PriceBook };

// The workers per process even when several module instances load this file; the request ids are
// shared with them, so two copies never hand a worker the same id.
const holder = processState<{ workers: (Running | undefined)[]; nextId: number }>("ingest:workers", () => ({ workers: [], nextId: 0 }));

export function workerCount(env: Record<string, string | undefined> = process.env): number {
  const count = Number(env.CONTROLROOM_INGEST_WORKERS);
  return Number.isInteger(count) && count > 0 ? count : Math.min(2, availableParallelism());
}

function start(slot: number): Running {
  const worker = process.env.NEXT_RUNTIME ? new Worker(new URL("./ingest-worker.ts", import.meta.url)) : workerFromSource();
  const running: Running = { worker, pending: new Map() };
  worker.unref(); // an idle worker does not keep the process alive
  worker.on("message", (reply: BatchReply) => {
    const pending = running.pending.get(reply.id);
    if (!pending) return;
    running.pending.delete(reply.id);
    if (running.pending.size === 0) worker.unref();
    if ("batch" in reply) pending.resolve({ batch: reply.batch, outcome: reply.outcome });
    else if ("refused" in reply) pending.reject(new AppError(reply.refused.code, reply.refused.message, reply.refused));
    else pending.reject(new Error(`ingest worker: ${reply.failed}`));
  });
  const die = (error: unknown) => {
    if (holder.workers[slot] === running) holder.workers[slot] = undefined;
    console.error("[control-room] ingest worker stopped; starting a new one for the next batch", error);
    for (const pending of running.pending.values()) {
      pending.reject(new AppError("unavailable", "The batch could not be prepared; nothing from it was stored — retry", { retryAfterSeconds: 1 }));
    }
    running.pending.clear();
  };
  worker.on("error", die);
  worker.on("exit", (code) => die(new Error(`exit code ${code}`)));
  return running;
}

// Outside Next.js (tests, tsx scripts) the code runs from TypeScript source: the worker registers tsx
// before it loads the entry. Next.js bundles the entry as JavaScript.
function workerFromSource(): Worker {
  const entry = JSON.stringify(new URL("./ingest-worker.ts", import.meta.url).href);
  return new Worker(`import("tsx/esm/api").then(({ register }) => { register(); return import(${entry}); });`, { eval: true });
}

// The worker with the fewest batches in hand (all are started on first use, and again after one died).
function leastBusy(): Running {
  let best: Running | undefined;
  for (let slot = 0; slot < workerCount(); slot++) {
    const running = (holder.workers[slot] ??= start(slot));
    if (!best || running.pending.size < best.pending.size) best = running;
  }
  return best!;
}

/**
 * Prepares the batch on a worker, and stores it there too when given where (PostgreSQL).
 * `moveBody`: the caller will not read `input.body` again (it read the request itself), so a body that
 * owns its whole buffer moves to the worker instead of being copied, and is empty here afterwards.
 */
export function prepareOffThread(input: BatchInput, store?: StoreTarget, { moveBody = false } = {}): Promise<WorkerResult> {
  const running = leastBusy();
  const { worker, pending } = running;
  const id = holder.nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.ref(); // a batch in flight does
    // The price book (a Map to clone) travels only when it is not the one this worker already has.
    const sameBook = running.book === input.book;
    running.book = input.book;
    const request: BatchRequest = { id, input: sameBook ? { ...input, book: undefined } : input, store };
    worker.postMessage(request, moveBody ? movableBuffers(input.body) : undefined);
  });
}

// Cloning a body costs the main thread, where the guard answers, 0.1–0.4 ms per batch of a few hundred
// KB (more under load); moving it costs nothing. Only a body read into a buffer of its own moves; one
// that is a single socket chunk (a small body) is a view into memory node may hold, and is copied.
function movableBuffers(body: Uint8Array): ArrayBuffer[] {
  return ownsItsBuffer(body) && body.buffer instanceof ArrayBuffer ? [body.buffer] : [];
}
