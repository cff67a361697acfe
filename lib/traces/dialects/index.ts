import type { NormalizedSpan, SpanEvent, SpanKind, SpanStatus } from "../span-model";
import { nanosToIsoMicros, type OtlpAttributes, type OtlpScope, type OtlpSpan } from "../otlp-types";
import { controlRoomDialect } from "./controlroom";
import { genAiDialect } from "./genai";
import { openInferenceDialect } from "./openinference";
import { readString } from "./read";
import type { Dialect, DialectFields, MappedFields, SpanInput } from "./types";
import { vercelAiDialect } from "./vercel-ai";

// Every attribute dialect → the one span model. Dialects are asked in order and the first one that
// knows a field wins it; spans often mix dialects (a Vercel AI SDK span also carries gen_ai.*, an
// OpenInference root carries gen_ai.agent.name), so each field is decided on its own.
// The Vercel AI SDK goes first because only it knows that its outer spans must not count tokens.
export const dialects: Dialect[] = [vercelAiDialect, genAiDialect, openInferenceDialect, controlRoomDialect];

export function mapAttributes(input: SpanInput): MappedFields {
  const merged: DialectFields = {};
  for (const dialect of dialects) {
    const fields = dialect.map(input);
    for (const key of Object.keys(fields) as (keyof DialectFields)[]) {
      if (merged[key] === undefined && fields[key] !== undefined) (merged as Record<string, unknown>)[key] = fields[key];
    }
  }
  return {
    kind: merged.kind ?? fallbackKind(merged),
    model: merged.model ?? merged.responseModel ?? null,
    responseModel: merged.responseModel ?? null,
    provider: merged.provider ?? null,
    toolName: merged.toolName ?? null,
    // A Vercel AI SDK functionId names what the call is for: the workflow when nothing better says so.
    workflow: merged.workflow ?? readString(input.attributes, "ai.telemetry.functionId") ?? null,
    sessionId: merged.sessionId ?? null,
    outcome: merged.outcome ?? null,
    inputTokens: merged.inputTokens ?? null,
    outputTokens: merged.outputTokens ?? null,
    cachedInputTokens: merged.cachedInputTokens ?? null,
    reasoningTokens: merged.reasoningTokens ?? null,
    input: merged.input ?? null,
    output: merged.output ?? null,
  };
}

// No dialect claimed the span: a model with token counts is a model call, a tool name a tool.
function fallbackKind(fields: DialectFields): SpanKind {
  if (fields.model && (fields.inputTokens || fields.outputTokens)) return "llm";
  if (fields.toolName) return "tool";
  return "other";
}

// OTLP status, except that GenAI instrumentations sometimes only set error.type on a failed call.
function statusOf(span: OtlpSpan): { status: SpanStatus; statusMessage: string | null } {
  const errorType = readString(span.attributes, "error.type");
  const exception = span.events.find((event) => event.name === "exception");
  const exceptionMessage = exception ? readString(exception.attributes, "exception.message", "exception.type") : undefined;
  const status: SpanStatus = span.status.code === 2 ? "error" : span.status.code === 1 ? "ok" : errorType ? "error" : "unset";
  const message = span.status.message || (status === "error" ? (exceptionMessage ?? errorType) : undefined);
  return { status, statusMessage: message || null };
}

function eventsOf(span: OtlpSpan): SpanEvent[] {
  return span.events.map((event) => ({ name: event.name, time: nanosToIsoMicros(event.timeUnixNano), attributes: event.attributes }));
}

// Version labels are short ("v3"); longer values are cut like the guard's `version` field.
const MAX_VERSION = 64;

// The agent version a span names: its own controlroom.version, else its resource's (an SDK sets it once).
function versionOf(attributes: OtlpAttributes, resource: OtlpAttributes): string | null {
  const named = (readString(attributes, "controlroom.version") ?? "").trim() || (readString(resource, "controlroom.version") ?? "").trim();
  return named ? named.slice(0, MAX_VERSION) : null;
}

// Evaluation ids (controlroom.eval.run_id / item_id): the span's own, else its resource's. A harness that
// sets the run id on its resource marks every span, children exported before their root included.
const MAX_EVAL_ID = 64;
function evalIdOf(key: string, attributes: OtlpAttributes, resource: OtlpAttributes): string | null {
  const named = (readString(attributes, key) ?? "").trim() || (readString(resource, key) ?? "").trim();
  return named ? named.slice(0, MAX_EVAL_ID) : null;
}

// A model call's instrumentation scope (OTLP's scope name: "openinference.instrumentation.langchain",
// "@opentelemetry/instrumentation-openai", …) is kept as otel.scope.name: two scopes reporting one call
// are told apart by it (lib/traces/overlapping-calls.ts). Only on LLM spans, and never over a value the
// span set itself.
function withScope(kind: string, attributes: OtlpAttributes, scope: OtlpScope): OtlpAttributes {
  if (kind !== "llm" || !scope.name || "otel.scope.name" in attributes) return attributes;
  return { ...attributes, "otel.scope.name": scope.name };
}

export function normalizeSpan(span: OtlpSpan, resource: OtlpAttributes, scope: OtlpScope): NormalizedSpan {
  const fields = mapAttributes({ span, attributes: span.attributes, resource, scope });
  const { status, statusMessage } = statusOf(span);
  // Spelled out rather than spread: one object shape for every span keeps ingest's hot loop fast.
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    kind: fields.kind,
    startTime: span.startTime,
    endTime: span.endTime,
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano,
    status,
    statusMessage,
    model: fields.model,
    responseModel: fields.responseModel,
    provider: fields.provider,
    toolName: fields.toolName,
    workflow: fields.workflow,
    sessionId: fields.sessionId,
    outcome: fields.outcome,
    version: versionOf(span.attributes, resource),
    traceVersion: versionOf(span.parentSpanId === null ? span.attributes : {}, resource),
    evalRunId: evalIdOf("controlroom.eval.run_id", span.attributes, resource),
    evalItemId: evalIdOf("controlroom.eval.item_id", span.attributes, resource),
    inputTokens: fields.inputTokens,
    outputTokens: fields.outputTokens,
    cachedInputTokens: fields.cachedInputTokens,
    reasoningTokens: fields.reasoningTokens,
    input: fields.input,
    output: fields.output,
    attributes: withScope(fields.kind, span.attributes, scope),
    events: eventsOf(span),
    service: readString(resource, "service.name") ?? null,
  };
}
