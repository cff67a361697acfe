// A domain event: a name and the type of its payload. Payloads travel as JSON through NOTIFY (8,000
// bytes at most): they name what changed (ids), never carry the changed rows.

export type DomainEvent<Payload> = { readonly name: string; readonly payloadType?: Payload };

export function defineEvent<Payload>(name: string): DomainEvent<Payload> {
  return Object.freeze({ name });
}

// Delivered in this process only, when this replica may have missed other replicas' events (its
// listener connected or reconnected): whoever keeps derived state forgets all of it.
export const eventsMissed = defineEvent<Record<string, never>>("events.missed");
