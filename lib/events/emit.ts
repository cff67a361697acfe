import { randomUUID } from "node:crypto";
import type { Tx } from "../db/client";
import { afterCommit } from "../db/transaction";
import { processState } from "../cache/process-state";
import type { DomainEvent } from "./define-event";
import { deliver, transactionReactions } from "./registry";

// Emitting an event is part of the change's transaction: its in-transaction reactions run now, the
// NOTIFY is queued (Postgres sends it on commit, never for a rollback), and this process's
// subscribers get it right after the commit, before the writer returns.

export const EVENT_CHANNEL = "controlroom_events";
export type EventMessage = { event: string; payload: unknown; origin: string };

// Tells this process's own notifications (already delivered after commit) from other replicas'.
export const processId = () => processState("events:process-id", () => randomUUID());

export async function emit<Payload>(tx: Tx, event: DomainEvent<Payload>, payload: Payload): Promise<void> {
  // First: it throws for a transaction whose commit cannot be seen, before anything is done.
  afterCommit(tx, () => deliver(event.name, payload));
  for (const react of transactionReactions(event)) await react(tx, payload);
  const message: EventMessage = { event: event.name, payload, origin: processId() };
  await tx.$executeRaw`SELECT pg_notify(${EVENT_CHANNEL}, ${JSON.stringify(message)})`;
}

// A change committed outside a Prisma transaction, and frequent (span batches stored over the ingest
// worker's own connection, the guard's group-committed decisions): delivered to this process's
// reactions only, without a NOTIFY per batch. Whoever reacts must also find other replicas' changes
// by itself (e.g. a sweep), since they are not announced here.
export function signal<Payload>(event: DomainEvent<Payload>, payload: Payload): void {
  deliver(event.name, payload);
}
