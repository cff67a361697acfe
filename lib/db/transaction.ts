import { db, type Tx } from "./client";
import { processState } from "../cache/process-state";

// db().$transaction with one addition: work to run once the transaction has committed (afterCommit),
// e.g. delivering a domain event to this process's subscribers. Nothing registered runs when the
// transaction rolls back.

type Options = Parameters<ReturnType<typeof db>["$transaction"]>[1];
// One per process: Next.js may load this module more than once (a route's copy opens the transaction,
// the start-up copy's subscriptions emit inside it), and every copy must find the transaction's list.
const pending = processState("transactions:after-commit", () => new WeakMap<Tx, Array<() => void>>());

export async function transaction<Result>(work: (tx: Tx) => Promise<Result>, options?: Options): Promise<Result> {
  const callbacks: Array<() => void> = [];
  const result = await db().$transaction(async (tx) => {
    pending.set(tx, callbacks);
    try {
      return await work(tx);
    } finally {
      pending.delete(tx);
    }
  }, options);
  for (const callback of callbacks) callback();
  return result;
}

// Throws for a transaction not opened by transaction(): its commit could not be seen.
export function afterCommit(tx: Tx, callback: () => void): void {
  const callbacks = pending.get(tx);
  if (!callbacks) throw new Error("afterCommit needs a transaction opened by lib/db/transaction.ts");
  callbacks.push(callback);
}
