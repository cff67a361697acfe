import type { AgentPrincipal } from "../auth/principal";
import { loadPriceBook } from "../costs/load-prices";
import { AppError, forbidden } from "../errors/app-error";
import { databaseTarget, db } from "../db/client";
import { prepareOffThread } from "./batch-worker";
import type { OtlpFormat } from "./decode-otlp";
import { ingestLimiter, type Limiter } from "./ingest-limiter";
import { encodeOtlpResponse, type EncodedOtlpResponse } from "./otlp-response";
import type { PreparedBatch, SpanKey } from "./prepare-spans";
import type { StoreOutcome } from "./ingest-worker";
import { storeSpanRows, type RunQuery, type StoreResult, type StoreRow } from "./store-spans";
import { describeRejections } from "./validate-span";
import { applyWaitingEvents } from "./attach-content-events";
import { findWaitingSpans } from "./waiting-content-events";
import { countSpans } from "../metrics/record";
import { signal } from "../events/emit";
import { spansStored } from "./events";

// OTLP trace ingest for one agent: decode → validate each span → map dialects → price → store.
// Valid spans are stored (or were already: re-sent spans are accepted and change nothing); invalid
// ones, and any the database refuses as unstorable, are counted in partialSuccess. Otherwise either the
// whole batch is stored or nothing is and the caller gets 503 + Retry-After, so an exporter's retry
// never loses or doubles a span.
// The work runs on the ingest worker thread (lib/traces/batch-worker.ts), the insert too on PostgreSQL.

// The body, or how to read it: a route passes a reader so that a batch refused at admission is never read.
export type OtlpHttpBody = { body: Uint8Array | (() => Promise<Uint8Array>); contentType: string | null; contentEncoding?: string | null };

export type IngestSummary = {
  receivedSpans: number;
  storedSpans: number; // newly written
  duplicateSpans: number; // already stored (a re-sent batch): accepted, nothing changed
  rejectedSpans: number;
  errorMessage: string; // why spans were rejected, "" when none were
  traces: number; // traces created or updated
};

export type OtlpIngestResult = IngestSummary & { format: OtlpFormat; response: EncodedOtlpResponse };

// The route handler's entry: raw body in, encoded ExportTraceServiceResponse out.
export async function ingestOtlp(principal: AgentPrincipal, http: OtlpHttpBody, limiter: Limiter = ingestLimiter()): Promise<OtlpIngestResult> {
  assertAgent(principal);
  return limiter.run(async () => {
    // A body read here is this call's alone: it can move to the worker (see prepareOffThread).
    const readHere = typeof http.body === "function";
    const body = typeof http.body === "function" ? await http.body() : http.body;
    const book = await unavailableOnFailure(loadPriceBook);
    const owner = { agentId: principal.agentId, teamId: principal.teamId };
    const target = databaseTarget();
    const { batch, outcome } = await prepareOffThread(
      { body, contentType: http.contentType, contentEncoding: http.contentEncoding, book },
      target.kind === "postgres" ? { databaseUrl: target.url, connections: limiter.stats().options.concurrency, owner } : undefined,
      { moveBody: readHere },
    );
    // The embedded database lives on this thread: the insert is sent from here.
    const { stored, waiting } = await unavailableOnFailure(async () => {
      if (outcome) return settled(outcome);
      const result = await storeSpanRows(throughPrisma, owner, batch.rowsJson);
      return { stored: result, waiting: await findWaitingSpans(throughPrisma, owner.teamId, batch.storable) };
    });
    const summary = summarize(batch, stored);
    countSpans({ stored: summary.storedSpans, rejected: summary.rejectedSpans });
    if (summary.storedSpans > 0) signal(spansStored, { agentId: principal.agentId });
    // GenAI content events that came (as OTLP logs) before these spans. Should this fail, the exporter's
    // retry finds the spans stored (duplicates) and applies them then: duplicates are looked up too.
    if (waiting.length) await unavailableOnFailure(() => applyWaitingEvents(owner.teamId, waiting));
    // With nothing rejected, a message is a warning (OTLP): strings stored with characters replaced.
    const partialSuccess = summary.errorMessage ? { rejectedSpans: summary.rejectedSpans, errorMessage: summary.errorMessage } : null;
    return { ...summary, format: batch.format, response: encodeOtlpResponse(batch.format, partialSuccess) };
  });
}

const throughPrisma: RunQuery = (text, params) => db().$queryRawUnsafe<StoreRow[]>(text, ...params);

// The worker's store, or its database error raised here as the database raised it there.
function settled(outcome: StoreOutcome): { stored: StoreResult; waiting: SpanKey[] } {
  if ("stored" in outcome) return outcome;
  throw Object.assign(new Error(outcome.failed.message), { code: outcome.failed.code });
}

function summarize(batch: PreparedBatch, stored: StoreResult): IngestSummary {
  const { receivedSpans, duplicateSpans } = batch;
  const rejected = [...batch.rejected, ...stored.refused];
  const refused = new Set(stored.refused.map((span) => `${span.traceId}:${span.spanId}`));
  let storable = batch.storable.length - stored.refused.length;
  if (stored.foreignTraceIds.length) {
    const foreign = new Set(stored.foreignTraceIds);
    for (const span of batch.storable) {
      if (!foreign.has(span.traceId) || refused.has(`${span.traceId}:${span.spanId}`)) continue;
      rejected.push({ traceId: span.traceId, spanId: span.spanId, problem: "the trace belongs to another team's agent" });
      storable--;
    }
  }
  return {
    receivedSpans,
    storedSpans: stored.insertedSpans,
    // Storable spans the insert skipped were already stored.
    duplicateSpans: duplicateSpans + (storable - stored.insertedSpans),
    rejectedSpans: rejected.length,
    errorMessage: describeRejections(rejected, batch.replacedStrings),
    traces: stored.traces,
  };
}

function assertAgent(principal: AgentPrincipal) {
  if (principal?.kind !== "agent") throw forbidden("Traces are sent with an agent API key");
}

// Anything the database throws becomes 503 + Retry-After: the batch was not stored, so the
// exporter must send it again (never a 200 for spans that were not kept).
async function unavailableOnFailure<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw error;
    console.error("[control-room] span ingest failed; asking the exporter to retry", error);
    throw new AppError("unavailable", "Spans could not be stored right now; nothing from this batch was kept — retry", { retryAfterSeconds: 2 });
  }
}
