import type { AttributeValue } from "./span-model";

// A decoded OTLP trace export request as plain data, the same whether it arrived as protobuf or
// JSON: ids as lowercase hex, times as exact nanoseconds (and a Date), attributes as plain objects.

export type OtlpAttributes = Record<string, AttributeValue>;

export type OtlpEvent = { name: string; timeUnixNano: bigint; time: Date; attributes: OtlpAttributes };

export type OtlpLink = { traceId: string; spanId: string; attributes: OtlpAttributes };

export type OtlpStatusCode = 0 | 1 | 2; // unset, ok, error

export type OtlpSpan = {
  traceId: string; // lowercase hex; validation checks the length
  spanId: string;
  parentSpanId: string | null; // null when empty or all zeros (a root span)
  traceState: string;
  name: string;
  kind: number; // OTLP SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer
  startTimeUnixNano: bigint; // 0n when missing or unreadable (validation rejects it)
  endTimeUnixNano: bigint;
  startTime: Date;
  endTime: Date;
  attributes: OtlpAttributes;
  events: OtlpEvent[];
  links: OtlpLink[];
  status: { code: OtlpStatusCode; message: string };
  droppedAttributesCount: number;
  problem?: string; // why the decoder could not read the span (or its resource or scope): validation rejects it
};

export type OtlpScope = { name: string; version: string; attributes: OtlpAttributes };

export type OtlpScopeSpans = { scope: OtlpScope; spans: OtlpSpan[] };

export type OtlpResourceSpans = { resource: { attributes: OtlpAttributes }; scopeSpans: OtlpScopeSpans[] };

// replacedStrings: how many strings had characters replaced (cleanString), for the exporter to be told.
export type OtlpTraceRequest = { resourceSpans: OtlpResourceSpans[]; replacedStrings?: number };

// Attribute values nest (arrays, key-value lists); deeper than this is not telemetry but an attack.
// The span that carries them is rejected on its own (the decoders catch this where a span begins).
export const MAX_VALUE_DEPTH = 32;

export class NestedTooDeep extends Error {
  constructor() {
    super(`attribute values nest deeper than ${MAX_VALUE_DEPTH} levels`);
  }
}

// Postgres text and jsonb refuse NUL and unpaired surrogates; one such string would fail a whole
// batch on every retry. Telemetry keeps the rest of the string (and the span's tokens and cost), so
// they are replaced by U+FFFD at decode time, as protobuf decoding does with invalid UTF-8, and the
// replacements are counted for the exporter to be told (countingReplacements).
let replacements = 0;

export function cleanString(value: string): string {
  const clean = value.indexOf("\u0000") === -1 ? value : value.replace(/\u0000/g, "\uFFFD");
  const wellFormed = clean.isWellFormed() ? clean : clean.toWellFormed();
  if (wellFormed !== value) replacements++;
  return wellFormed;
}

// Runs a (synchronous) decode and counts the strings cleanString changed during it.
export function countingReplacements(decode: () => OtlpTraceRequest): OtlpTraceRequest {
  const before = replacements;
  const request = decode();
  return { ...request, replacedStrings: replacements - before };
}

// Attribute maps without a prototype, so a key such as "__proto__" is stored as data.
export const emptyAttributes = (): OtlpAttributes => Object.create(null) as OtlpAttributes;

export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

const ZERO_ID = /^0*$/;

// A parent id of no bytes or only zeros means "no parent" (some SDKs send zeros).
export const parentIdOrNull = (hex: string): string | null => (ZERO_ID.test(hex) ? null : hex);

export const isZeroId = (hex: string) => ZERO_ID.test(hex);

export function nanosToDate(nanos: bigint): Date {
  return new Date(Number(nanos / 1_000_000n));
}

// ISO-8601 with microseconds (what timestamptz(6) keeps) from exact nanoseconds.
// One BigInt division, then exact Number arithmetic while the microseconds fit in 2^53 (until year 2255);
// BigInt all the way beyond that.
export function nanosToIsoMicros(nanos: bigint): string {
  const allMicros = Number(nanos / 1_000n);
  let millis: number;
  let micros: number;
  if (Number.isSafeInteger(allMicros)) {
    millis = Math.floor(allMicros / 1000);
    micros = allMicros - millis * 1000;
  } else {
    millis = Number(nanos / 1_000_000n);
    micros = Number((nanos / 1_000n) % 1_000n);
  }
  const iso = new Date(millis).toISOString(); // 2025-01-02T03:04:05.678Z
  return `${iso.slice(0, -1)}${micros < 10 ? "00" : micros < 100 ? "0" : ""}${micros}Z`;
}

// Integers beyond 2^53 stay exact as strings; everything else is a JSON number.
export function int64ToValue(value: bigint): number | string {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
}

export function doubleToValue(value: number): number | string {
  return Number.isFinite(value) ? value : String(value); // JSON has no NaN or Infinity
}

// A decoded OTLP log record (POST /api/otlp/v1/logs), protobuf or JSON alike. eventName is the
// LogRecord's EventName field, else its `event.name` attribute (older SDKs); timeUnixNano falls back
// to the observed time.
export type OtlpLogRecord = {
  traceId: string; // lowercase hex, "" when the record names no trace
  spanId: string;
  timeUnixNano: bigint;
  eventName: string;
  severityText: string;
  body: AttributeValue;
  attributes: OtlpAttributes;
  problem?: string; // why the decoder could not read the record: it is rejected
};

export type OtlpLogsRequest = { logRecords: OtlpLogRecord[] };

export function eventNameOf(eventName: string, attributes: OtlpAttributes): string {
  if (eventName) return eventName;
  const named = attributes["event.name"];
  return typeof named === "string" ? named : "";
}
