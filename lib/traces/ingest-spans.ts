import type { AgentPrincipal } from "../auth/principal";
import { loadPriceBook } from "../costs/load-prices";
import { needsPrice, priceSpan, type PriceBook, type SpanUsage } from "../costs/price-span";
import { AppError, forbidden } from "../http/errors";
import { decodeOtlp, type OtlpFormat } from "./decode-otlp";
import { normalizeSpan } from "./dialects";
import { ingestLimiter, type Limiter } from "./ingest-limiter";
import { encodeOtlpResponse, type EncodedOtlpResponse } from "./otlp-response";
import type { OtlpTraceRequest } from "./otlp-types";
import type { NormalizedSpan } from "./span-model";
import { storeSpans, type PricedSpan } from "./store-spans";
import { describeRejections, spanProblem, type RejectedSpan } from "./validate-span";

// OTLP trace ingest for one agent: decode → validate each span → map dialects → price → store.
// Valid spans are stored (or were already: re-sent spans are accepted and change nothing); invalid
// ones are counted in partialSuccess. Either the whole batch is stored or nothing is and the caller
// gets 503 + Retry-After, so an exporter's retry never loses or doubles a span.

export type OtlpHttpBody = { body: Uint8Array; contentType: string | null; contentEncoding?: string | null };

export type IngestSummary = {
  receivedSpans: number;
  storedSpans: number; // newly written
  duplicateSpans: number; // already stored (a re-sent batch): accepted, nothing changed
  rejectedSpans: number;
  errorMessage: string; // why spans were rejected, and characters replaced; "" when neither
  traces: number; // traces created or updated
};

export type OtlpIngestResult = IngestSummary & { format: OtlpFormat; response: EncodedOtlpResponse };

// The route handler's entry: raw body in, encoded ExportTraceServiceResponse out.
export async function ingestOtlp(principal: AgentPrincipal, http: OtlpHttpBody, limiter: Limiter = ingestLimiter()): Promise<OtlpIngestResult> {
  assertAgent(principal);
  return limiter.run(async () => {
    const { format, request } = await decodeOtlp(http.body, http.contentType, http.contentEncoding);
    const summary = await ingestTraceRequest(principal, request);
    // With nothing rejected, a message is a warning (OTLP): strings stored with characters replaced.
    const partialSuccess = summary.errorMessage ? { rejectedSpans: summary.rejectedSpans, errorMessage: summary.errorMessage } : null;
    return { ...summary, format, response: encodeOtlpResponse(format, partialSuccess) };
  });
}

// An already decoded request (for callers that hold one; no limiter).
export async function ingestTraceRequest(principal: AgentPrincipal, request: OtlpTraceRequest): Promise<IngestSummary> {
  assertAgent(principal);
  const book = await unavailableOnFailure(loadPriceBook);
  const { spans, rejected, receivedSpans, duplicateSpans } = prepareSpans(request, book);
  const stored = await unavailableOnFailure(() => storeSpans({ agentId: principal.agentId, teamId: principal.teamId }, spans));
  rejected.push(...stored.refused);
  let storable = spans.length - stored.refused.length;
  if (stored.foreignTraceIds.length) {
    const foreign = new Set(stored.foreignTraceIds);
    for (const span of spans) {
      if (!foreign.has(span.traceId) || stored.refused.some((refused) => refused.spanId === span.spanId && refused.traceId === span.traceId)) continue;
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
    errorMessage: describeRejections(rejected, request.replacedStrings),
    traces: stored.traces,
  };
}

export type PreparedSpans = { spans: PricedSpan[]; rejected: RejectedSpan[]; receivedSpans: number; duplicateSpans: number };

// Pure: validation, dialect mapping and pricing of every span in a request.
export function prepareSpans(request: OtlpTraceRequest, book: PriceBook): PreparedSpans {
  const spans: PricedSpan[] = [];
  const rejected: RejectedSpan[] = [];
  const seen = new Set<string>();
  let receivedSpans = 0;
  let duplicateSpans = 0;
  for (const resourceSpans of request.resourceSpans) {
    for (const scopeSpans of resourceSpans.scopeSpans) {
      for (const span of scopeSpans.spans) {
        receivedSpans++;
        const problem = spanProblem(span);
        if (problem) {
          rejected.push({ traceId: span.traceId, spanId: span.spanId, problem });
          continue;
        }
        const key = `${span.traceId}:${span.spanId}`;
        if (seen.has(key)) {
          duplicateSpans++; // the same span twice in one batch: the first one counts
          continue;
        }
        seen.add(key);
        spans.push(priced(normalizeSpan(span, resourceSpans.resource.attributes, scopeSpans.scope), book));
      }
    }
  }
  shareSessionIds(spans);
  return { spans, rejected, receivedSpans, duplicateSpans };
}

function priced(span: NormalizedSpan, book: PriceBook): PricedSpan {
  const usage: SpanUsage = {
    model: span.responseModel ?? span.model,
    inputTokens: span.inputTokens,
    outputTokens: span.outputTokens,
    cachedInputTokens: span.cachedInputTokens,
    startTime: span.startTime,
  };
  // The answering model prices most exactly (a dated snapshot); the requested alias is the fallback.
  let costUsd = priceSpan(book, usage);
  if (costUsd === null && span.model && span.model !== usage.model) costUsd = priceSpan(book, { ...usage, model: span.model });
  const pricedSpan = span as PricedSpan;
  pricedSpan.costUsd = costUsd;
  pricedSpan.needsPrice = needsPrice(usage);
  return pricedSpan;
}

// Usually only the root span names the session; its spans in the same batch get it too, so the
// spans' session index finds them.
function shareSessionIds(spans: PricedSpan[]) {
  const sessionOf = new Map<string, string>();
  for (const span of spans) {
    if (span.sessionId && (span.parentSpanId === null || !sessionOf.has(span.traceId))) sessionOf.set(span.traceId, span.sessionId);
  }
  if (sessionOf.size === 0) return;
  for (const span of spans) span.sessionId ??= sessionOf.get(span.traceId) ?? null;
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
