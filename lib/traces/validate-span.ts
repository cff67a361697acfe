import { isZeroId, type OtlpSpan } from "./otlp-types";

// Why a span cannot be stored, or null when it can. Such spans are rejected one by one (OTLP partial
// success) instead of failing the whole batch, which the exporter would only resend unchanged.

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

export function spanProblem(span: OtlpSpan): string | null {
  if (!TRACE_ID.test(span.traceId) || isZeroId(span.traceId)) return "trace id must be 16 bytes and not all zero";
  if (!SPAN_ID.test(span.spanId) || isZeroId(span.spanId)) return "span id must be 8 bytes and not all zero";
  if (span.parentSpanId !== null && !SPAN_ID.test(span.parentSpanId)) return "parent span id must be 8 bytes";
  if (span.parentSpanId === span.spanId) return "a span cannot be its own parent";
  if (span.name.trim() === "") return "span name is missing";
  if (span.startTimeUnixNano <= 0n) return "start time is missing";
  if (span.endTimeUnixNano <= 0n) return "end time is missing";
  if (span.endTimeUnixNano < span.startTimeUnixNano) return "end time is before start time";
  return null;
}

export type RejectedSpan = { traceId: string; spanId: string; problem: string };

const MAX_LISTED = 5;

const shortId = (id: string) => (id === "" ? "(no id)" : id.length > 40 ? `${id.slice(0, 40)}…` : id);

// One message for partialSuccess.errorMessage: how many, and the first few with their reasons.
export function describeRejections(rejected: RejectedSpan[]): string {
  if (rejected.length === 0) return "";
  const listed = rejected
    .slice(0, MAX_LISTED)
    .map((span) => `span ${shortId(span.spanId)} of trace ${shortId(span.traceId)}: ${span.problem}`)
    .join("; ");
  const more = rejected.length > MAX_LISTED ? `; and ${rejected.length - MAX_LISTED} more` : "";
  return `${rejected.length} span${rejected.length === 1 ? "" : "s"} rejected — ${listed}${more}`;
}
