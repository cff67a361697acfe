import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { context, SpanStatusCode, trace } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { AppError } from "../errors/app-error";
import { decodeOtlp } from "./decode-otlp";
import { ExportTraceServiceRequest } from "./otlp-schema";
import { encodeOtlpResponse } from "./otlp-response";

// Spans recorded by the OpenTelemetry JS SDK and serialized by its own OTLP serializers.
function sdkSpans() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer("decode-test", "1.0.0");
  const root = tracer.startSpan("invoke_agent claims-agent");
  const chat = tracer.startSpan(
    "chat gpt-4o",
    { attributes: { "gen_ai.request.model": "gpt-4o", "gen_ai.usage.input_tokens": 1200, ok: true, ratio: 0.5, tags: ["a", "b"], empty: "" } },
    trace.setSpan(context.active(), root),
  );
  chat.addEvent("gen_ai.user.message", { content: "hello" });
  chat.setStatus({ code: SpanStatusCode.ERROR, message: "boom" });
  chat.end();
  root.end();
  return exporter.getFinishedSpans();
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("decodeOtlp", () => {
  const spans = sdkSpans();
  const protobufBody = ProtobufTraceSerializer.serializeRequest(spans)!;
  const jsonBody = JsonTraceSerializer.serializeRequest(spans)!;

  it("decodes the SDK's protobuf and JSON to the same plain request", async () => {
    const fromProtobuf = await decodeOtlp(protobufBody, "application/x-protobuf");
    const fromJson = await decodeOtlp(jsonBody, "application/json; charset=utf-8");
    expect(fromProtobuf.format).toBe("protobuf");
    expect(fromJson.format).toBe("json");
    expect(fromProtobuf.request).toEqual(fromJson.request);
    const [chat, root] = fromProtobuf.request.resourceSpans[0].scopeSpans[0].spans;
    expect(root.parentSpanId).toBeNull();
    expect(chat.parentSpanId).toBe(root.spanId);
    expect(chat.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(chat.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(chat.kind).toBe(1);
    expect(chat.status).toEqual({ code: 2, message: "boom" });
    expect({ ...chat.attributes }).toEqual({ "gen_ai.request.model": "gpt-4o", "gen_ai.usage.input_tokens": 1200, ok: true, ratio: 0.5, tags: ["a", "b"], empty: "" });
    expect(chat.events[0]).toMatchObject({ name: "gen_ai.user.message", attributes: { content: "hello" } });
    expect(fromProtobuf.request.resourceSpans[0].scopeSpans[0].scope).toMatchObject({ name: "decode-test", version: "1.0.0" });
  });

  it("keeps nanosecond times and 64-bit integers exact", async () => {
    const body = ExportTraceServiceRequest.encode({
      resourceSpans: [{
        scopeSpans: [{
          spans: [{
            traceId: Buffer.alloc(16, 1),
            spanId: Buffer.alloc(8, 2),
            name: "s",
            startTimeUnixNano: "1764000000123456789",
            endTimeUnixNano: "1764000001987654321",
            attributes: [{ key: "big", value: { intValue: "9007199254740993" } }, { key: "neg", value: { intValue: -5 } }],
          }],
        }],
      }],
    }).finish();
    const span = (await decodeOtlp(body, "application/x-protobuf")).request.resourceSpans[0].scopeSpans[0].spans[0];
    expect(span.startTimeUnixNano).toBe(1764000000123456789n);
    expect(span.endTimeUnixNano).toBe(1764000001987654321n);
    expect(span.startTime.toISOString()).toBe("2025-11-24T16:00:00.123Z");
    expect(span.attributes.big).toBe("9007199254740993");
    expect(span.attributes.neg).toBe(-5);
  });

  it("inflates gzip, announced or not", async () => {
    const gzipped = gzipSync(protobufBody);
    expect((await decodeOtlp(gzipped, "application/x-protobuf", "gzip")).request.resourceSpans).toHaveLength(1);
    expect((await decodeOtlp(gzipped, "application/x-protobuf", null)).request.resourceSpans).toHaveLength(1);
    expect((await decodeOtlp(gzipSync(jsonBody), "application/json", "gzip")).request.resourceSpans).toHaveLength(1);
  });

  it("accepts base64 ids and cleans strings Postgres would refuse", async () => {
    const body = Buffer.from(
      JSON.stringify({
        resourceSpans: [{
          scopeSpans: [{
            spans: [{ traceId: Buffer.alloc(16, 0xab).toString("base64"), spanId: Buffer.alloc(8, 0xcd).toString("base64"), name: "a\u0000b\ud800", attributes: [{ key: "k", value: { stringValue: "x\u0000" } }] }],
          }],
        }],
      }),
    );
    const { request } = await decodeOtlp(body, "application/json");
    const span = request.resourceSpans[0].scopeSpans[0].spans[0];
    expect(span.traceId).toBe("ab".repeat(16));
    expect(span.spanId).toBe("cd".repeat(8));
    expect(span.name).toBe("a\uFFFDb\uFFFD");
    expect(span.attributes.k).toBe("x\uFFFD");
    expect(request.replacedStrings).toBe(2);
  });

  it("marks a span whose attributes nest too deep instead of failing the batch", async () => {
    const deep = (levels: number): object => (levels === 0 ? { stringValue: "x" } : { kvlistValue: { values: [{ key: "k", value: deep(levels - 1) }] } });
    const span = (name: string, levels: number) => ({ traceId: "ab".repeat(16), spanId: "cd".repeat(8), name, attributes: [{ key: "a", value: deep(levels) }] });
    const body = Buffer.from(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span("ok", 30), span("deep", 40)] }] }] }));
    const [ok, tooDeep] = (await decodeOtlp(body, "application/json")).request.resourceSpans[0].scopeSpans[0].spans;
    expect(ok.problem).toBeUndefined();
    expect(tooDeep).toMatchObject({ name: "deep", spanId: "cd".repeat(8), attributes: {}, problem: "attribute values nest deeper than 32 levels" });
  });

  it("refuses unknown content types and encodings with 415", async () => {
    expect((await errorOf(decodeOtlp(protobufBody, "text/plain"))).status).toBe(415);
    expect((await errorOf(decodeOtlp(protobufBody, null))).status).toBe(415);
    expect((await errorOf(decodeOtlp(protobufBody, "application/x-protobuf", "zstd"))).status).toBe(415);
  });

  it("refuses oversized bodies and decompression bombs with 413", async () => {
    expect((await errorOf(decodeOtlp(new Uint8Array(16 * 1024 * 1024 + 1), "application/x-protobuf"))).status).toBe(413);
    const bomb = gzipSync(Buffer.alloc(65 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100_000);
    expect((await errorOf(decodeOtlp(bomb, "application/x-protobuf", "gzip"))).status).toBe(413);
  });

  it("refuses malformed bodies with 400 and a useful message", async () => {
    const broken = await errorOf(decodeOtlp(Buffer.from([0x0a, 0xff, 0xff, 0x01]), "application/x-protobuf"));
    expect(broken.status).toBe(400);
    expect(broken.message).toMatch(/ExportTraceServiceRequest/);
    expect((await errorOf(decodeOtlp(Buffer.from("{not json"), "application/json"))).message).toMatch(/not valid JSON/);
    expect((await errorOf(decodeOtlp(Buffer.from('{"resourceSpans": {}}'), "application/json"))).message).toMatch(/must be an array/);
    expect((await errorOf(decodeOtlp(Buffer.from([0x1f, 0x8b, 1, 2, 3]), "application/json", "gzip"))).status).toBe(400);
  });
});

describe("encodeOtlpResponse", () => {
  it("encodes partial success the way the SDK's exporter reads it", () => {
    const response = encodeOtlpResponse("protobuf", { rejectedSpans: 3, errorMessage: "3 spans had no trace id" });
    expect(response.contentType).toBe("application/x-protobuf");
    expect(ProtobufTraceSerializer.deserializeResponse(response.body)).toEqual({ partialSuccess: { rejectedSpans: 3, errorMessage: "3 spans had no trace id" } });
    expect(encodeOtlpResponse("protobuf", null).body).toHaveLength(0);
    expect(new TextDecoder().decode(encodeOtlpResponse("json", null).body)).toBe("{}");
  });
});
