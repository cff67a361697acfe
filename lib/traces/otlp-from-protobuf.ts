import { AppError } from "../errors/app-error";
import type { AttributeValue } from "./span-model";
import { ExportLogsServiceRequest, ExportTraceServiceRequest } from "./otlp-schema";
import {
  bytesToHex,
  cleanString,
  countingReplacements,
  doubleToValue,
  emptyAttributes,
  eventNameOf,
  int64ToValue,
  MAX_VALUE_DEPTH,
  nanosToDate,
  NestedTooDeep,
  parentIdOrNull,
  type OtlpAttributes,
  type OtlpEvent,
  type OtlpLink,
  type OtlpLogRecord,
  type OtlpLogsRequest,
  type OtlpResourceSpans,
  type OtlpSpan,
  type OtlpStatusCode,
  type OtlpTraceRequest,
} from "./otlp-types";

// Binary OTLP (application/x-protobuf) → the plain request. protobufjs decodes the wire format;
// this file only turns its messages (Long, Uint8Array, oneof) into plain values. Attributes nested too
// deep (in a span, or its resource or scope) fail that span alone, as in OTLP/JSON.

type PbLong = { low: number; high: number } | number; // a long.js Long, or a number without long.js
type PbAnyValue = {
  value?: string;
  stringValue?: string;
  boolValue?: boolean;
  intValue?: PbLong;
  doubleValue?: number;
  arrayValue?: { values?: PbAnyValue[] };
  kvlistValue?: { values?: PbKeyValue[] };
  bytesValue?: Uint8Array;
};
type PbKeyValue = { key?: string; value?: PbAnyValue | null };
type PbEvent = { timeUnixNano?: PbLong; name?: string; attributes?: PbKeyValue[] };
type PbLink = { traceId?: Uint8Array; spanId?: Uint8Array; attributes?: PbKeyValue[] };
type PbSpan = {
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  traceState?: string;
  parentSpanId?: Uint8Array;
  name?: string;
  kind?: number;
  startTimeUnixNano?: PbLong;
  endTimeUnixNano?: PbLong;
  attributes?: PbKeyValue[];
  droppedAttributesCount?: number;
  events?: PbEvent[];
  links?: PbLink[];
  status?: { message?: string; code?: number } | null;
};
type PbRequest = {
  resourceSpans?: {
    resource?: { attributes?: PbKeyValue[] } | null;
    scopeSpans?: { scope?: { name?: string; version?: string; attributes?: PbKeyValue[] } | null; spans?: PbSpan[] }[];
  }[];
};

export function otlpFromProtobuf(bytes: Uint8Array): OtlpTraceRequest {
  let message: PbRequest;
  try {
    message = ExportTraceServiceRequest.decode(bytes) as unknown as PbRequest;
  } catch (error) {
    throw new AppError("bad_request", `Body is not a valid OTLP ExportTraceServiceRequest (protobuf): ${(error as Error).message}`);
  }
  return countingReplacements(() => ({ resourceSpans: (message.resourceSpans ?? []).map(toResourceSpans) }));
}

// Attributes, or the problem that rejects every span under them.
function attributesOrProblem(list: PbKeyValue[] | undefined, where: string): { attributes: OtlpAttributes; problem?: string } {
  try {
    return { attributes: toAttributes(list) };
  } catch (error) {
    if (!(error instanceof NestedTooDeep)) throw error;
    return { attributes: emptyAttributes(), problem: `${where} ${error.message}` };
  }
}

function toResourceSpans(rs: NonNullable<PbRequest["resourceSpans"]>[number]): OtlpResourceSpans {
  const resourceAttributes = attributesOrProblem(rs.resource?.attributes, "resource");
  return {
    resource: { attributes: resourceAttributes.attributes },
    scopeSpans: (rs.scopeSpans ?? []).map((ss) => {
      const scopeAttributes = attributesOrProblem(ss.scope?.attributes, "scope");
      const problem = resourceAttributes.problem ?? scopeAttributes.problem;
      return {
        scope: { name: cleanString(ss.scope?.name ?? ""), version: cleanString(ss.scope?.version ?? ""), attributes: scopeAttributes.attributes },
        spans: (ss.spans ?? []).map((pbSpan) => {
          const span = toSpan(pbSpan);
          if (problem) span.problem ??= problem;
          return span;
        }),
      };
    }),
  };
}

function toSpan(span: PbSpan): OtlpSpan {
  try {
    return readSpan(span);
  } catch (error) {
    if (!(error instanceof NestedTooDeep)) throw error;
    // The ids stay readable, so the rejection names the span.
    return { ...readSpan({ ...span, attributes: [], events: [], links: [] }), problem: error.message };
  }
}

function readSpan(span: PbSpan): OtlpSpan {
  const startTimeUnixNano = toUnsigned(span.startTimeUnixNano);
  const endTimeUnixNano = toUnsigned(span.endTimeUnixNano);
  return {
    traceId: hexOf(span.traceId),
    spanId: hexOf(span.spanId),
    parentSpanId: parentIdOrNull(hexOf(span.parentSpanId)),
    traceState: span.traceState ?? "",
    name: cleanString(span.name ?? ""),
    kind: span.kind ?? 0,
    startTimeUnixNano,
    endTimeUnixNano,
    startTime: nanosToDate(startTimeUnixNano),
    endTime: nanosToDate(endTimeUnixNano),
    attributes: toAttributes(span.attributes),
    events: (span.events ?? []).map(toEvent),
    links: (span.links ?? []).map(toLink),
    status: { code: statusCode(span.status?.code), message: cleanString(span.status?.message ?? "") },
    droppedAttributesCount: span.droppedAttributesCount ?? 0,
  };
}

function toEvent(event: PbEvent): OtlpEvent {
  const timeUnixNano = toUnsigned(event.timeUnixNano);
  return { name: cleanString(event.name ?? ""), timeUnixNano, time: nanosToDate(timeUnixNano), attributes: toAttributes(event.attributes) };
}

function toLink(link: PbLink): OtlpLink {
  return { traceId: hexOf(link.traceId), spanId: hexOf(link.spanId), attributes: toAttributes(link.attributes) };
}

const statusCode = (code: number | undefined): OtlpStatusCode => (code === 1 || code === 2 ? code : 0);

const hexOf = (bytes: Uint8Array | undefined) => (bytes && bytes.length ? bytesToHex(bytes) : "");

function toAttributes(list: PbKeyValue[] | undefined, depth = 0): OtlpAttributes {
  const attributes = emptyAttributes();
  if (!list) return attributes;
  for (const { key, value } of list) {
    if (key === undefined) continue;
    attributes[cleanString(key)] = toValue(value, depth);
  }
  return attributes;
}

function toValue(value: PbAnyValue | null | undefined, depth: number): AttributeValue {
  if (!value) return null;
  if (depth > MAX_VALUE_DEPTH) throw new NestedTooDeep();
  switch (value.value) {
    case "stringValue":
      return cleanString(value.stringValue ?? "");
    case "boolValue":
      return Boolean(value.boolValue);
    case "intValue":
      return int64ToValue(toSigned(value.intValue));
    case "doubleValue":
      return doubleToValue(value.doubleValue ?? 0);
    case "arrayValue":
      return (value.arrayValue?.values ?? []).map((item) => toValue(item, depth + 1));
    case "kvlistValue":
      return toAttributes(value.kvlistValue?.values, depth + 1);
    case "bytesValue":
      return Buffer.from(value.bytesValue ?? new Uint8Array()).toString("base64");
    default:
      return null;
  }
}

// fixed64 times are unsigned; protobufjs hands them over as Long (or number without long.js).
function toUnsigned(value: PbLong | undefined): bigint {
  if (value === undefined || value === null) return 0n;
  if (typeof value === "number") return value > 0 ? BigInt(Math.trunc(value)) : 0n;
  return (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
}

function toSigned(value: PbLong | undefined): bigint {
  if (value === undefined || value === null) return 0n;
  if (typeof value === "number") return BigInt(Math.trunc(value));
  return BigInt.asIntN(64, (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0));
}

type PbLogRecord = {
  timeUnixNano?: PbLong;
  observedTimeUnixNano?: PbLong;
  severityText?: string;
  body?: PbAnyValue | null;
  attributes?: PbKeyValue[];
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  eventName?: string;
};
type PbLogsRequest = { resourceLogs?: { scopeLogs?: { logRecords?: PbLogRecord[] }[] }[] };

// Binary ExportLogsServiceRequest → its log records, flattened.
export function otlpLogsFromProtobuf(bytes: Uint8Array): OtlpLogsRequest {
  let message: PbLogsRequest;
  try {
    message = ExportLogsServiceRequest.decode(bytes) as unknown as PbLogsRequest;
  } catch (error) {
    throw new AppError("bad_request", `Body is not a valid OTLP ExportLogsServiceRequest (protobuf): ${(error as Error).message}`);
  }
  const logRecords: OtlpLogRecord[] = [];
  for (const resourceLogs of message.resourceLogs ?? []) {
    for (const scopeLogs of resourceLogs.scopeLogs ?? []) for (const record of scopeLogs.logRecords ?? []) logRecords.push(toLogRecord(record));
  }
  return { logRecords };
}

function toLogRecord(record: PbLogRecord): OtlpLogRecord {
  const time = toUnsigned(record.timeUnixNano);
  const base = {
    traceId: hexOf(record.traceId),
    spanId: hexOf(record.spanId),
    timeUnixNano: time || toUnsigned(record.observedTimeUnixNano),
    severityText: cleanString(record.severityText ?? ""),
  };
  try {
    const attributes = toAttributes(record.attributes);
    return { ...base, eventName: eventNameOf(cleanString(record.eventName ?? ""), attributes), body: toValue(record.body, 0), attributes };
  } catch (error) {
    if (!(error instanceof NestedTooDeep)) throw error;
    return { ...base, eventName: "", body: null, attributes: emptyAttributes(), problem: error.message };
  }
}
