import { Worker } from "node:worker_threads";
import { AppError } from "../errors/app-error";
import type { BatchReply, BatchRequest, StoreOutcome, StoreTarget } from "./ingest-worker";
import type { BatchInput, PreparedBatch } from "./prepare-spans";
import { processState } from "../cache/process-state";

// Ingest's CPU (decoding, validation, dialect mapping, pricing, building the insert's rows) and, on
// PostgreSQL, its big insert run on one worker thread, so a burst of batches does not queue the guard's
// requests behind it on the main event loop, and the OS schedules the two threads apart. Batches go to
// the worker in turn; it is started on first use and again after it dies. Batches in flight when it
// dies get 503: the exporter retries, and a batch that had already been stored is then a duplicate.

export type WorkerResult = { batch: PreparedBatch; outcome?: StoreOutcome };
type Pending = { resolve: (result: WorkerResult) => void; reject: (error: unknown) => void };
type Running = { worker: Worker; pending: Map<number, Pending> };

// One worker per process even when several module instances load this file; the request ids are
// shared with it, so two copies never hand the worker the same id.
const holder = processState<{ running?: Running; nextId: number }>("ingest:worker", () => ({ nextId: 0 }));

function start(): Running {
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
    if (holder.running === running) holder.running = undefined;
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

// Prepares the batch on the worker, and stores it there too when given where (PostgreSQL).
export function prepareOffThread(input: BatchInput, store?: StoreTarget): Promise<WorkerResult> {
  holder.running ??= start();
  const { worker, pending } = holder.running;
  const id = holder.nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.ref(); // a batch in flight does
    // The body is copied (a memcpy): moving it would empty the caller's buffer.
    const request: BatchRequest = { id, input, store };
    worker.postMessage(request);
  });
}
