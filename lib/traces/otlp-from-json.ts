import { AppError } from "../errors/app-error";
import type { AttributeValue } from "./span-model";
import {
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
  type OtlpLogRecord,
  type OtlpLogsRequest,
  type OtlpResourceSpans,
  type OtlpSpan,
  type OtlpStatusCode,
  type OtlpTraceRequest,
} from "./otlp-types";

// OTLP/JSON → the plain request. The OTLP JSON mapping differs from protobuf's canonical one: ids are
// hex, not base64. Senders differ too, so this accepts lowerCamelCase and snake_case keys, enums as
// numbers or names, and 64-bit integers as strings or numbers. A wrong shape where the structure is
// (a list that is not a list) is a 400; an unreadable value inside one span (attributes nested too
// deep, in the span or its resource or scope) only fails that span.

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

const snakeNames = new Map<string, string>();
const snakeCase = (camel: string) => {
  let name = snakeNames.get(camel);
  if (name === undefined) snakeNames.set(camel, (name = camel.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)));
  return name;
};

// Keys in the JSON mapping's lowerCamelCase, or the .proto's snake_case.
function field(object: Json, camel: string): unknown {
  const value = object[camel];
  return value !== undefined ? value : object[snakeCase(camel)];
}

function list(object: Json, camel: string, where: string): unknown[] {
  const value = field(object, camel);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new AppError("bad_request", `OTLP/JSON: ${where}.${camel} must be an array`);
  return value;
}

function objectAt(value: unknown, where: string): Json {
  if (!isObject(value)) throw new AppError("bad_request", `OTLP/JSON: ${where} must be an object`);
  return value;
}

const text = (value: unknown) => (typeof value === "string" ? cleanString(value) : "");

export function otlpFromJson(body: Uint8Array): OtlpTraceRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8"));
  } catch (error) {
    throw new AppError("bad_request", `Body is not valid JSON: ${(error as Error).message}`);
  }
  const request = objectAt(parsed, "the body");
  return countingReplacements(() => ({
    resourceSpans: list(request, "resourceSpans", "request").map((rs, index) => toResourceSpans(rs, `resourceSpans[${index}]`)),
  }));
}

// Attributes, or the problem that rejects every span under them.
function attributesOrProblem(value: unknown, where: string): { attributes: OtlpAttributes; problem?: string } {
  try {
    return { attributes: toAttributes(value, 0) };
  } catch (error) {
    if (!(error instanceof NestedTooDeep)) throw error;
    return { attributes: emptyAttributes(), problem: `${where} ${error.message}` };
  }
}

function toResourceSpans(value: unknown, where: string): OtlpResourceSpans {
  const rs = objectAt(value, where);
  const resource = field(rs, "resource");
  // Pre-1.0 exporters named scopes "instrumentation library".
  const scopes = field(rs, "scopeSpans") !== undefined ? list(rs, "scopeSpans", where) : list(rs, "instrumentationLibrarySpans", where);
  const resourceAttributes = attributesOrProblem(isObject(resource) ? field(resource, "attributes") : undefined, "resource");
  return {
    resource: { attributes: resourceAttributes.attributes },
    scopeSpans: scopes.map((item, index) => {
      const ss = objectAt(item, `${where}.scopeSpans[${index}]`);
      const scope = field(ss, "scope") ?? field(ss, "instrumentationLibrary");
      const scopeAttributes = attributesOrProblem(isObject(scope) ? scope.attributes : undefined, "scope");
      const problem = resourceAttributes.problem ?? scopeAttributes.problem;
      return {
        scope: {
          name: isObject(scope) ? text(scope.name) : "",
          version: isObject(scope) ? text(scope.version) : "",
          attributes: scopeAttributes.attributes,
        },
        spans: list(ss, "spans", `${where}.scopeSpans[${index}]`).map((span, spanIndex) => {
          const decoded = toSpan(objectAt(span, `${where}.scopeSpans[${index}].spans[${spanIndex}]`));
          if (problem) decoded.problem ??= problem;
          return decoded;
        }),
      };
    }),
  };
}

function toSpan(span: Json): OtlpSpan {
  try {
    return readSpan(span);
  } catch (error) {
    if (!(error instanceof NestedTooDeep)) throw error;
    // The ids stay readable, so the rejection names the span.
    return { ...readSpan({ ...span, attributes: [], events: [], links: [] }), problem: error.message };
  }
}

function readSpan(span: Json): OtlpSpan {
  const startTimeUnixNano = unsigned(field(span, "startTimeUnixNano"));
  const endTimeUnixNano = unsigned(field(span, "endTimeUnixNano"));
  const status = field(span, "status");
  return {
    traceId: idHex(field(span, "traceId"), 16),
    spanId: idHex(field(span, "spanId"), 8),
    parentSpanId: parentIdOrNull(idHex(field(span, "parentSpanId"), 8)),
    traceState: text(field(span, "traceState")),
    name: text(span.name),
    kind: enumValue(span.kind, SPAN_KINDS),
    startTimeUnixNano,
    endTimeUnixNano,
    startTime: nanosToDate(startTimeUnixNano),
    endTime: nanosToDate(endTimeUnixNano),
    attributes: toAttributes(span.attributes, 0),
    events: (Array.isArray(span.events) ? span.events : []).filter(isObject).map(toEvent),
    links: (Array.isArray(span.links) ? span.links : []).filter(isObject).map((link) => ({
      traceId: idHex(field(link, "traceId"), 16),
      spanId: idHex(field(link, "spanId"), 8),
      attributes: toAttributes(link.attributes, 0),
    })),
    status: isObject(status)
      ? { code: enumValue(status.code, STATUS_CODES) as OtlpStatusCode, message: text(status.message) }
      : { code: 0, message: "" },
    droppedAttributesCount: Number(field(span, "droppedAttributesCount") ?? 0) || 0,
  };
}

function toEvent(event: Json): OtlpEvent {
  const timeUnixNano = unsigned(field(event, "timeUnixNano"));
  return { name: text(event.name), timeUnixNano, time: nanosToDate(timeUnixNano), attributes: toAttributes(event.attributes, 0) };
}

const SPAN_KINDS = ["SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT", "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"];
const STATUS_CODES = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"];

function enumValue(value: unknown, names: string[]): number {
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 && value < names.length ? value : 0;
  if (typeof value !== "string") return 0;
  const byName = names.indexOf(value.toUpperCase());
  if (byName >= 0) return byName;
  const number = Number(value);
  return Number.isInteger(number) && number >= 0 && number < names.length ? number : 0;
}

// Hex as the OTLP/JSON spec says; base64 (protobuf's canonical JSON for bytes) from senders that use
// a generic protobuf JSON encoder, told apart by length. Anything else stays as text and fails validation.
function idHex(value: unknown, bytes: number): string {
  if (typeof value !== "string" || value === "") return "";
  if (value.length === bytes * 2 && /^[0-9a-fA-F]+$/.test(value)) return value.toLowerCase();
  if (value.length === Math.ceil(bytes / 3) * 4 && /^[A-Za-z0-9+/]+=*$/.test(value)) {
    const decoded = Buffer.from(value, "base64");
    if (decoded.length === bytes) return decoded.toString("hex");
  }
  return cleanString(value.toLowerCase());
}

function unsigned(value: unknown): bigint {
  if (typeof value === "string" && /^\d+$/.test(value)) return BigInt(value);
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return BigInt(Math.trunc(value));
  return 0n;
}

function toAttributes(value: unknown, depth: number): OtlpAttributes {
  const attributes = emptyAttributes();
  if (!Array.isArray(value)) return attributes;
  for (const item of value) {
    if (!isObject(item) || typeof item.key !== "string") continue;
    attributes[cleanString(item.key)] = toValue(item.value, depth);
  }
  return attributes;
}

function toValue(value: unknown, depth: number): AttributeValue {
  if (!isObject(value)) return null;
  if (depth > MAX_VALUE_DEPTH) throw new NestedTooDeep();
  const string = field(value, "stringValue");
  if (string !== undefined) return typeof string === "string" ? cleanString(string) : null;
  const bool = field(value, "boolValue");
  if (bool !== undefined) return bool === true || bool === "true";
  const int = field(value, "intValue");
  if (int !== undefined) return intValue(int);
  const double = field(value, "doubleValue");
  if (double !== undefined) return typeof double === "number" ? doubleToValue(double) : doubleToValue(Number(double));
  const array = field(value, "arrayValue");
  if (array !== undefined) return isObject(array) && Array.isArray(array.values) ? array.values.map((item) => toValue(item, depth + 1)) : [];
  const kvlist = field(value, "kvlistValue");
  if (kvlist !== undefined) return isObject(kvlist) ? toAttributes(kvlist.values, depth + 1) : emptyAttributes();
  const bytes = field(value, "bytesValue");
  if (bytes !== undefined) return typeof bytes === "string" ? cleanString(bytes) : null;
  return null;
}

function intValue(value: unknown): AttributeValue {
  if (typeof value === "number") return Number.isFinite(value) ? Math.trunc(value) : null;
  if (typeof value === "string" && /^-?\d+$/.test(value)) return int64ToValue(BigInt(value));
  return typeof value === "string" ? cleanString(value) : null;
}

// OTLP/JSON ExportLogsServiceRequest → its log records, flattened (resource and scope are not kept:
// only the records' own content joins their spans).
export function otlpLogsFromJson(body: Uint8Array): OtlpLogsRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8"));
  } catch (error) {
    throw new AppError("bad_request", `Body is not valid JSON: ${(error as Error).message}`);
  }
  const request = objectAt(parsed, "the body");
  const logRecords: OtlpLogRecord[] = [];
  list(request, "resourceLogs", "request").forEach((rl, index) => {
    const resourceLogs = objectAt(rl, `resourceLogs[${index}]`);
    list(resourceLogs, "scopeLogs", `resourceLogs[${index}]`).forEach((sl, scopeIndex) => {
      const where = `resourceLogs[${index}].scopeLogs[${scopeIndex}]`;
      for (const record of list(objectAt(sl, where), "logRecords", where)) logRecords.push(toLogRecord(objectAt(record, `${where}.logRecords[]`)));
    });
  });
  return { logRecords };
}

function toLogRecord(record: Json): OtlpLogRecord {
  const traceId = idHex(field(record, "traceId"), 16);
  const spanId = idHex(field(record, "spanId"), 8);
  const time = unsigned(field(record, "timeUnixNano"));
  const base = { traceId, spanId, timeUnixNano: time || unsigned(field(record, "observedTimeUnixNano")), severityText: text(field(record, "severityText")) };
  try {
    const attributes = toAttributes(record.attributes, 0);
    return { ...base, eventName: eventNameOf(text(field(record, "eventName")), attributes), body: toValue(record.body, 0), attributes };
  } catch (error) {
    if (!(error instanceof NestedTooDeep)) throw error;
    return { ...base, eventName: "", body: null, attributes: emptyAttributes(), problem: error.message };
  }
}
