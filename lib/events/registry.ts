import type { Tx } from "../db/client";
import { processState } from "../cache/process-state";
import type { DomainEvent } from "./define-event";
import { countEventDelivery } from "../metrics/record";

// Who reacts to which event. Domains register in lib/<domain>/subscriptions.ts (all listed in
// lib/subscriptions.ts). Two kinds of reaction:
// - on(): after the change committed, in every process (this one directly, the others through NOTIFY).
//   It must be safe to miss: a replica that was disconnected gets eventsMissed instead.
// - onTransaction(): inside the emitting transaction, so its writes commit or roll back with the
//   change (e.g. a paused agent's held actions are denied in the pause's own transaction).
// A reaction is named: registering the same name again (a module loaded twice) replaces it.

export type Reaction<Payload> = (payload: Payload) => void | Promise<void>;
export type TransactionReaction<Payload> = (tx: Tx, payload: Payload) => Promise<void>;
export type Subscription = { event: string; reaction: string; when: "after commit" | "in transaction" };

type Registry = {
  afterCommit: Map<string, Map<string, Reaction<unknown>>>;
  inTransaction: Map<string, Map<string, TransactionReaction<unknown>>>;
  log: (line: string) => void;
};

const registry = processState<Registry>("events", () => ({
  afterCommit: new Map(),
  inTransaction: new Map(),
  log: (line) => console.error(`[control-room] ${line}`),
}));

function named<Value>(table: Map<string, Map<string, Value>>, event: string): Map<string, Value> {
  let reactions = table.get(event);
  if (!reactions) table.set(event, (reactions = new Map()));
  return reactions;
}

export function on<Payload>(event: DomainEvent<Payload>, reaction: string, run: Reaction<Payload>): void {
  named(registry.afterCommit, event.name).set(reaction, run as Reaction<unknown>);
}

export function onTransaction<Payload>(event: DomainEvent<Payload>, reaction: string, run: TransactionReaction<Payload>): void {
  named(registry.inTransaction, event.name).set(reaction, run as TransactionReaction<unknown>);
}

export function transactionReactions<Payload>(event: DomainEvent<Payload>): TransactionReaction<Payload>[] {
  return [...(registry.inTransaction.get(event.name)?.values() ?? [])] as TransactionReaction<Payload>[];
}

// Runs every after-commit reaction; one that throws is logged and does not stop the others.
export function deliver(event: string, payload: unknown): void {
  for (const [name, run] of registry.afterCommit.get(event) ?? []) {
    const failed = (error: unknown) => {
      countEventDelivery({ event, outcome: "failed" });
      registry.log(`${name} (on ${event}) failed: ${(error as Error)?.message ?? error}`);
    };
    try {
      const result = run(payload);
      if (result instanceof Promise) result.then(() => countEventDelivery({ event, outcome: "ok" }), failed);
      else countEventDelivery({ event, outcome: "ok" });
    } catch (error) {
      failed(error);
    }
  }
}

export function subscriptions(): Subscription[] {
  const list = (table: Map<string, Map<string, unknown>>, when: Subscription["when"]) =>
    [...table].flatMap(([event, reactions]) => [...reactions.keys()].map((reaction) => ({ event, reaction, when })));
  return [...list(registry.inTransaction, "in transaction"), ...list(registry.afterCommit, "after commit")];
}
