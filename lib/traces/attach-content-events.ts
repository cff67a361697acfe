import { db, type Tx } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { withContentEvents } from "./content-events";
import type { OtlpAttributes } from "./otlp-types";
import type { SpanEvent } from "./span-model";

// Joining GenAI content events to their span, whichever arrives first. Events whose span is stored go
// onto it (events, and input/output, in one locked update); the others wait in pending_span_events and
// are moved onto the span by span ingest (applyWaitingEvents). A row is claimed by deleting it in the
// transaction that updates the span, so logs and spans arriving at the same moment apply it once: the
// logs side looks for the span again after its pending rows are committed, and span ingest looks for
// pending rows after its spans are committed, so one of the two always sees the other.

export const PENDING_RETENTION_HOURS = 24;

export type SpanKey = { traceId: string; spanId: string };
export type AttachOutcome = "attached" | "pending" | "foreign";

type LockedSpan = { team_id: string; input: string | null; output: string | null; attributes: OtlpAttributes; events: SpanEvent[] | null };

// Adds the events to the stored span; "missing" when it is not stored, "foreign" when another team's.
async function addToSpan(tx: Tx, teamId: string, key: SpanKey, events: SpanEvent[]): Promise<AttachOutcome | "missing"> {
  const [span] = await tx.$queryRawUnsafe<LockedSpan[]>(
    `SELECT team_id::text AS team_id, input, output, attributes, events FROM spans WHERE trace_id = $1 AND span_id = $2 FOR UPDATE`,
    key.traceId,
    key.spanId,
  );
  if (!span) return "missing";
  if (span.team_id !== teamId) return "foreign";
  const merged = withContentEvents({ input: span.input, output: span.output, attributes: span.attributes ?? {}, events: span.events ?? [] }, events);
  await tx.span.update({
    where: { traceId_spanId: { traceId: key.traceId, spanId: key.spanId } },
    data: { input: merged.input, output: merged.output, events: merged.events as unknown as Prisma.InputJsonValue },
  });
  return "attached";
}

// The events of one span from one log export: onto the span, or kept until it arrives.
export async function attachContentEvents(teamId: string, key: SpanKey, events: SpanEvent[]): Promise<AttachOutcome> {
  const outcome = await db().$transaction(async (tx) => {
    const added = await addToSpan(tx, teamId, key, events);
    if (added !== "missing") return added;
    await tx.pendingSpanEvent.create({ data: { traceId: key.traceId, spanId: key.spanId, teamId, events: events as unknown as Prisma.InputJsonValue } });
    return "pending" as const;
  });
  if (outcome !== "pending") return outcome;
  // The span may have been stored while the pending row was not yet visible to its ingest.
  const stored = await db().span.count({ where: { traceId: key.traceId, spanId: key.spanId, teamId } });
  if (stored > 0) await claimPending(teamId, key);
  return outcome;
}

// Moves the pending events of a span onto it (claimed by deleting them in the same transaction).
async function claimPending(teamId: string, key: SpanKey): Promise<void> {
  await db().$transaction(async (tx) => {
    // In the order they arrived: one row per log export.
    const rows = await tx.$queryRawUnsafe<{ events: SpanEvent[] }[]>(
      `WITH claimed AS (
         DELETE FROM pending_span_events WHERE trace_id = $1 AND span_id = $2 AND team_id = $3::uuid RETURNING events, received_at, id
       )
       SELECT events FROM claimed ORDER BY received_at, id`,
      key.traceId,
      key.spanId,
      teamId,
    );
    if (rows.length === 0) return;
    const added = await addToSpan(tx, teamId, key, rows.flatMap((row) => row.events));
    // Not (or not this team's) span after all: the rows go back by rolling the delete back.
    if (added !== "attached") throw new NotAttached();
  }).catch((error) => {
    if (!(error instanceof NotAttached)) throw error;
  });
}

class NotAttached extends Error {}

// After span ingest: moves the events waiting for these stored spans (lib/traces/waiting-content-events.ts
// found them) onto them.
export async function applyWaitingEvents(teamId: string, spans: SpanKey[]): Promise<void> {
  for (const key of spans) await claimPending(teamId, key);
}

// Content events whose span never came are not kept for ever.
export async function dropExpiredPending(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - PENDING_RETENTION_HOURS * 3600_000);
  const { count } = await db().pendingSpanEvent.deleteMany({ where: { receivedAt: { lt: before } } });
  return count;
}
