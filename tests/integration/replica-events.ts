import type { Tx } from "../../lib/db/client";
import { db } from "../../lib/db/client";
import { EVENT_CHANNEL, type EventMessage } from "../../lib/events/emit";
import type { DomainEvent } from "../../lib/events/define-event";

// What another replica's emit() sends: the same NOTIFY, from another process id. Nothing in this
// process is told directly; only the event listener can hear it.
export async function notifyAsAnotherReplica<Payload>(event: DomainEvent<Payload>, payload: Payload, tx?: Tx): Promise<void> {
  const message: EventMessage = { event: event.name, payload, origin: "another-replica" };
  await (tx ?? db()).$executeRaw`SELECT pg_notify(${EVENT_CHANNEL}, ${JSON.stringify(message)})`;
}
