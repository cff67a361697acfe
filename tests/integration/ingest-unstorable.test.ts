import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { POST } from "../../app/api/otlp/v1/traces/route";
import { ExportTraceServiceRequest, ExportTraceServiceResponse } from "../../lib/traces/otlp-schema";
import { createAgentKey } from "../../lib/keys/create-key";
import { db } from "../../lib/db/client";
import { makeAgent, makeTeam, makeUser } from "./helpers";

// OTLP/HTTP through the route handler, with one span of a batch the database could never store as
// sent: that span is rejected on its own (partialSuccess, with its reason) and the rest are stored,
// on the first send and on every retry; never a 503 that the exporter would retry forever.
let key: string;

beforeAll(async () => {
  const team = await makeTeam("ingest-unstorable");
  const admin = await makeUser("admin", []);
  const agent = await makeAgent(team);
  ({ key } = await createAgentKey(admin, agent.slug, { name: "ingest-unstorable" }));
});

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const NOW_NS = BigInt(Date.now()) * 1_000_000n;
const YEAR_10000_NS = BigInt(Date.UTC(10000, 0, 1)) * 1_000_000n;

type AnyValue = Record<string, unknown>;
type Span = { traceId: string; spanId: string; name: string; start: bigint; end: bigint; attributes?: { key: string; value: AnyValue }[]; events?: { name: string; time: bigint }[] };

// Ten spans of one trace, the fifth changed by `bad`.
function batchOf(bad: Partial<Span>): Span[] {
  const traceId = hex(16);
  return Array.from({ length: 10 }, (_, index) => ({ traceId, spanId: hex(8), name: `step ${index}`, start: NOW_NS + BigInt(index), end: NOW_NS + 1_000n, ...(index === 4 ? bad : {}) }));
}

const jsonBody = (spans: Span[], resourceAttributes: { key: string; value: AnyValue }[] = []) =>
  JSON.stringify({
    resourceSpans: [{
      resource: { attributes: [{ key: "service.name", value: { stringValue: "unstorable" } }, ...resourceAttributes] },
      scopeSpans: [{
        scope: { name: "test" },
        spans: spans.map((span) => ({
          traceId: span.traceId,
          spanId: span.spanId,
          name: span.name,
          kind: 1,
          startTimeUnixNano: span.start.toString(),
          endTimeUnixNano: span.end.toString(),
          attributes: span.attributes ?? [],
          events: (span.events ?? []).map((event) => ({ name: event.name, timeUnixNano: event.time.toString() })),
        })),
      }],
    }],
  });

const protobufBody = (spans: Span[]) =>
  ExportTraceServiceRequest.encode(
    ExportTraceServiceRequest.fromObject({
      resourceSpans: [{
        resource: { attributes: [{ key: "service.name", value: { stringValue: "unstorable" } }] },
        scopeSpans: [{
          scope: { name: "test" },
          spans: spans.map((span) => ({
            traceId: Buffer.from(span.traceId, "hex"),
            spanId: Buffer.from(span.spanId, "hex"),
            name: span.name,
            kind: 1,
            startTimeUnixNano: span.start.toString(),
            endTimeUnixNano: span.end.toString(),
            attributes: span.attributes ?? [],
          })),
        }],
      }],
    }),
  ).finish();

type PartialSuccess = { rejectedSpans?: number | string; errorMessage?: string };

async function send(body: string | Uint8Array, format: "json" | "protobuf"): Promise<{ status: number; partialSuccess?: PartialSuccess }> {
  const contentType = format === "json" ? "application/json" : "application/x-protobuf";
  const request = new NextRequest("http://localhost/api/otlp/v1/traces", {
    method: "POST",
    body: typeof body === "string" ? body : Buffer.from(body),
    headers: { "Content-Type": contentType, Authorization: `Bearer ${key}` },
  });
  const response = await POST(request, { params: Promise.resolve({}) });
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (response.status !== 200) return { status: response.status };
  const decoded = (format === "json" ? JSON.parse(new TextDecoder().decode(bytes)) : ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(bytes), { longs: Number })) as { partialSuccess?: PartialSuccess };
  return { status: 200, partialSuccess: decoded.partialSuccess };
}

const storedOf = (spans: Span[]) => db().span.count({ where: { traceId: spans[0].traceId } });

// Nested n levels deep: arrays in OTLP's AnyValue.
const nestedArray = (levels: number): AnyValue => (levels === 0 ? { stringValue: "bottom" } : { arrayValue: { values: [nestedArray(levels - 1)] } });

describe("OTLP ingest: one span the database cannot store", () => {
  it.each([
    ["a start time in year 10000", { start: YEAR_10000_NS, end: YEAR_10000_NS + 5n }, /start time is at or after year 10000/],
    ["an end time past what a JS Date holds", { end: 9_000_000_000_000_000_000_000n }, /end time is at or after year 10000/],
    ["an event in year 10000", { events: [{ name: "later", time: YEAR_10000_NS }] }, /event's time is at or after year 10000/],
    ["attributes nested 40 deep", { attributes: [{ key: "deep", value: nestedArray(40) }] }, /attribute values nest deeper than 32 levels/],
  ])("JSON: rejects the span with %s alone, stores the other 9, and a retry stays 200", async (_name, bad, reason) => {
    const spans = batchOf(bad);
    for (const attempt of [1, 2]) {
      const result = await send(jsonBody(spans), "json");
      expect(result.status, `attempt ${attempt}`).toBe(200);
      expect(Number(result.partialSuccess?.rejectedSpans)).toBe(1);
      expect(result.partialSuccess?.errorMessage).toMatch(reason);
      expect(result.partialSuccess?.errorMessage).toContain(spans[4].spanId);
    }
    expect(await storedOf(spans)).toBe(9);
  });

  it("protobuf: rejects the span with attributes nested 40 deep alone, stores the other 9, and a retry stays 200", async () => {
    const spans = batchOf({ attributes: [{ key: "deep", value: nestedArray(40) }] });
    for (const attempt of [1, 2]) {
      const result = await send(protobufBody(spans), "protobuf");
      expect(result.status, `attempt ${attempt}`).toBe(200);
      expect(Number(result.partialSuccess?.rejectedSpans)).toBe(1);
      expect(result.partialSuccess?.errorMessage).toMatch(/nest deeper than 32 levels/);
    }
    expect(await storedOf(spans)).toBe(9);
  });

  it("rejects the spans under resource attributes nested too deep, and stores the other resource's", async () => {
    const good = batchOf({});
    const underDeep = batchOf({});
    const body = JSON.parse(jsonBody(good)) as { resourceSpans: unknown[] };
    body.resourceSpans.push(...(JSON.parse(jsonBody(underDeep, [{ key: "deep", value: nestedArray(40) }])) as { resourceSpans: unknown[] }).resourceSpans);
    const result = await send(JSON.stringify(body), "json");
    expect(result.status).toBe(200);
    expect(Number(result.partialSuccess?.rejectedSpans)).toBe(10);
    expect(result.partialSuccess?.errorMessage).toMatch(/resource attribute values nest deeper/);
    expect(await storedOf(good)).toBe(10);
    expect(await storedOf(underDeep)).toBe(0);
  });
});

describe("OTLP ingest: strings the database cannot store are stored with U+FFFD, and the exporter is told", () => {
  it.each<["json" | "protobuf", string, Partial<Span>]>([
    ["json", "a NUL in a bytes value", { attributes: [{ key: "blob", value: { bytesValue: "a\u0000b" } }] }],
    ["json", "a NUL in a string value", { attributes: [{ key: "note", value: { stringValue: "a\u0000b" } }] }],
    ["json", "an unpaired surrogate in the name", { name: "step \ud800" }],
    ["protobuf", "a NUL in the name", { name: "step \u0000 four" }],
  ])("%s: %s", async (format, _name, bad) => {
    const spans = batchOf(bad);
    for (const attempt of [1, 2]) {
      const result = await send(format === "json" ? jsonBody(spans) : protobufBody(spans), format);
      expect(result.status, `attempt ${attempt}`).toBe(200);
      expect(Number(result.partialSuccess?.rejectedSpans ?? 0)).toBe(0);
      expect(result.partialSuccess?.errorMessage).toMatch(/1 string .*NUL characters or unpaired surrogates.*U\+FFFD/);
    }
    expect(await storedOf(spans)).toBe(10);
  });

  it("cuts a long session id of emoji on a character boundary", async () => {
    const spans = batchOf({ attributes: [{ key: "gen_ai.conversation.id", value: { stringValue: `s${"😀".repeat(300)}` } }] });
    const result = await send(jsonBody(spans), "json");
    expect(result).toEqual({ status: 200, partialSuccess: undefined });
    const stored = await db().span.findUniqueOrThrow({ where: { traceId_spanId: { traceId: spans[4].traceId, spanId: spans[4].spanId } } });
    expect(stored.sessionId?.isWellFormed()).toBe(true);
    expect(stored.sessionId).toBe(`s${"😀".repeat(127)}`);
  });
});

describe("OTLP ingest: a value the database refuses that validation did not foresee", () => {
  // The database refuses spans of this name with a data exception, as it would a value it cannot hold.
  beforeAll(async () => {
    await db().$executeRawUnsafe(`CREATE OR REPLACE FUNCTION refuse_test_span() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name = 'refuse me' THEN RAISE EXCEPTION 'value out of range for the test' USING ERRCODE = '22003'; END IF; RETURN NEW; END $$`);
    await db().$executeRawUnsafe(`CREATE OR REPLACE TRIGGER refuse_test_span BEFORE INSERT ON spans FOR EACH ROW EXECUTE FUNCTION refuse_test_span()`);
  });
  afterAll(() => db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS refuse_test_span ON spans`));

  it("isolates the refused span and stores the rest", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const spans = batchOf({ name: "refuse me" });
    for (const attempt of [1, 2]) {
      const result = await send(jsonBody(spans), "json");
      expect(result.status, `attempt ${attempt}`).toBe(200);
      expect(Number(result.partialSuccess?.rejectedSpans)).toBe(1);
      expect(result.partialSuccess?.errorMessage).toMatch(/the database cannot store it: value out of range for the test/);
    }
    logged.mockRestore();
    expect(await storedOf(spans)).toBe(9);
    expect(await db().trace.findUniqueOrThrow({ where: { traceId: spans[0].traceId } })).toMatchObject({ spanCount: 9 });
  });
});
