import { needsPrice, priceSpan, type PriceBook, type SpanUsage } from "../costs/price-span";
import { decodeOtlp, type OtlpFormat } from "./decode-otlp";
import { normalizeSpan } from "./dialects";
import type { OtlpTraceRequest } from "./otlp-types";
import type { NormalizedSpan } from "./span-model";
import { spanRowsJson, type PricedSpan } from "./span-rows";
import { spanProblem, type RejectedSpan } from "./validate-span";

// Everything ingest does to a batch before the database: decode, validate each span, map dialects,
// price, and build the insert's rows. Pure CPU, no database: the ingest worker runs it off the main
// thread (lib/traces/ingest-worker.ts).

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

export type BatchInput = { body: Uint8Array; contentType: string | null; contentEncoding?: string | null; book: PriceBook };

// A prepared batch as plain data (it crosses from the worker): the rows as the insert's JSON (null when
// no span is storable) and each storable span's ids, in row order.
export type SpanKey = { traceId: string; spanId: string };
// replacedStrings: strings stored with characters replaced (NUL, unpaired surrogates), for the exporter to be told.
export type PreparedBatch = Omit<PreparedSpans, "spans"> & { format: OtlpFormat; rowsJson: string | null; storable: SpanKey[]; replacedStrings: number };

export async function prepareBatch(input: BatchInput): Promise<PreparedBatch> {
  const { format, request } = await decodeOtlp(input.body, input.contentType, input.contentEncoding);
  const { spans, ...counts } = prepareSpans(request, input.book);
  const storable = spans.map(({ traceId, spanId }) => ({ traceId, spanId }));
  return { ...counts, format, rowsJson: spans.length ? spanRowsJson(spans) : null, storable, replacedStrings: request.replacedStrings ?? 0 };
}
