import { cutText } from "../text/cut-text";
import { isZeroId, type OtlpSpan } from "./otlp-types";

// Why a span cannot be stored, or null when it can. Such spans are rejected one by one (OTLP partial
// success) instead of failing the whole batch, which the exporter would only resend unchanged.

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

// 10000-01-01T00:00:00Z in Unix nanoseconds. Times are written as ISO 8601, whose four-digit years
// timestamptz reads; later years (OTLP/JSON can send any integer) can never be stored, and past
// year 275760 not even held by a JS Date.
const YEAR_10000_NS = 253_402_300_800_000_000_000n;

export function spanProblem(span: OtlpSpan): string | null {
  if (!TRACE_ID.test(span.traceId) || isZeroId(span.traceId)) return "trace id must be 16 bytes and not all zero";
  if (!SPAN_ID.test(span.spanId) || isZeroId(span.spanId)) return "span id must be 8 bytes and not all zero";
  if (span.parentSpanId !== null && !SPAN_ID.test(span.parentSpanId)) return "parent span id must be 8 bytes";
  if (span.parentSpanId === span.spanId) return "a span cannot be its own parent";
  if (span.problem) return span.problem;
  if (span.name.trim() === "") return "span name is missing";
  if (span.startTimeUnixNano <= 0n) return "start time is missing";
  if (span.endTimeUnixNano <= 0n) return "end time is missing";
  if (span.endTimeUnixNano < span.startTimeUnixNano) return "end time is before start time";
  if (span.startTimeUnixNano >= YEAR_10000_NS) return "start time is at or after year 10000";
  if (span.endTimeUnixNano >= YEAR_10000_NS) return "end time is at or after year 10000";
  if (span.events.some((event) => event.timeUnixNano >= YEAR_10000_NS)) return "an event's time is at or after year 10000";
  return null;
}

export type RejectedSpan = { traceId: string; spanId: string; problem: string };

const MAX_LISTED = 5;

const shortId = (id: string) => (id === "" ? "(no id)" : id.length > 40 ? `${cutText(id, 40)}…` : id);

// One message for partialSuccess.errorMessage: how many, and the first few with their reasons; then
// what was stored changed (OTLP calls a message with nothing rejected a warning).
export function describeRejections(rejected: RejectedSpan[], replacedStrings = 0): string {
  const replaced =
    replacedStrings > 0
      ? `${replacedStrings} string${replacedStrings === 1 ? "" : "s"} (span names, attribute keys or values) held NUL characters or unpaired surrogates, which cannot be stored: they were stored with U+FFFD in their place`
      : "";
  if (rejected.length === 0) return replaced;
  const listed = rejected
    .slice(0, MAX_LISTED)
    .map((span) => `span ${shortId(span.spanId)} of trace ${shortId(span.traceId)}: ${span.problem}`)
    .join("; ");
  const more = rejected.length > MAX_LISTED ? `; and ${rejected.length - MAX_LISTED} more` : "";
  return `${rejected.length} span${rejected.length === 1 ? "" : "s"} rejected — ${listed}${more}${replaced ? `. ${replaced}` : ""}`;
}
