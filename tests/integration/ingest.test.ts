import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import type { AgentPrincipal } from "../../lib/auth/principal";
import { invalidatePrices, loadPriceBook } from "../../lib/costs/load-prices";
import { priceSpan } from "../../lib/costs/price-span";
import { db } from "../../lib/db/client";
import { expectAppError, makeAgent, makeTeam, unique } from "./helpers";
import { jsonOf, protobufOf, rawJsonRequest, recordAgentTask, send, type RawSpan } from "./otlp-builders";

let claims: AgentPrincipal;
let other: AgentPrincipal;

async function principalFor(prefix: string): Promise<AgentPrincipal> {
  const team = await makeTeam(prefix);
  const agent = await makeAgent(team);
  return { kind: "agent", agentId: agent.id, agentSlug: agent.slug, teamId: team.id, keyId: "test-key" };
}

beforeAll(async () => {
  invalidatePrices();
  claims = await principalFor("ingest");
  other = await principalFor("ingest-other");
});

const spansOf = (traceId: string) => db().span.findMany({ where: { traceId }, orderBy: { startTime: "asc" } });
const traceOf = (traceId: string) => db().trace.findUniqueOrThrow({ where: { traceId } });
const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const NOW_NS = BigInt(Date.now()) * 1_000_000n;

describe("OTLP ingest", () => {
  it("stores SDK-serialized protobuf: kinds, tokens, cost per span and the trace's totals", async () => {
    const sessionId = `sess-${unique()}`;
    const task = recordAgentTask({ sessionId, outcome: "approved" });
    const result = await send(claims, protobufOf(task.spans));
    expect(result).toMatchObject({ format: "protobuf", receivedSpans: 4, storedSpans: 4, duplicateSpans: 0, rejectedSpans: 0, traces: 1 });
    expect(ProtobufTraceSerializer.deserializeResponse(result.response.body)).toEqual({});

    const spans = await spansOf(task.traceId);
    expect(spans.map((span) => [span.kind, span.model, span.toolName, span.status])).toEqual([
      ["agent", null, null, "ok"],
      ["llm", "gpt-4o", null, "ok"],
      ["tool", null, "lookup_policy", "error"],
      ["llm", "llama-3.3-70b-instruct", null, "ok"],
    ]);
    const [root, chat, tool, unpriced] = spans;
    expect(root).toMatchObject({ parentSpanId: null, agentId: claims.agentId, teamId: claims.teamId, sessionId, service: "claims-agent" });
    expect(chat).toMatchObject({ inputTokens: 1500, outputTokens: 200, cachedInputTokens: 1000, provider: "openai", sessionId });
    expect(tool).toMatchObject({ statusMessage: "policy service timed out", input: '{"policy":"P-1"}' });
    expect(chat.attributes).toMatchObject({ "gen_ai.response.model": "gpt-4o-2024-08-06", "gen_ai.usage.input_tokens": 1500 });

    const book = await loadPriceBook();
    const expectedCost = priceSpan(book, { model: "gpt-4o-2024-08-06", inputTokens: 1500, outputTokens: 200, cachedInputTokens: 1000, startTime: chat.startTime });
    expect(expectedCost).toBeGreaterThan(0);
    expect(Number(chat.costUsd)).toBeCloseTo(expectedCost!, 8);
    expect(unpriced.costUsd).toBeNull();

    expect(await traceOf(task.traceId)).toMatchObject({
      agentId: claims.agentId,
      teamId: claims.teamId,
      rootSpanId: task.rootSpanId,
      name: "invoke_agent claims-agent",
      sessionId,
      workflow: "claims-intake",
      outcome: "approved",
      status: "error",
      startTime: root.startTime,
      endTime: root.endTime,
      spanCount: 4,
      errorCount: 1,
      inputTokens: 2300n,
      outputTokens: 250n,
      unpricedSpans: 1,
      models: ["gpt-4o", "llama-3.3-70b-instruct"],
    });
    expect(Number((await traceOf(task.traceId)).costUsd)).toBeCloseTo(expectedCost!, 8);
  });

  it("is idempotent: the same batch again stores nothing and changes no total", async () => {
    const task = recordAgentTask({ sessionId: `sess-${unique()}`, outcome: "denied" });
    const body = protobufOf(task.spans);
    await send(claims, body);
    const before = await traceOf(task.traceId);
    const again = await send(claims, body);
    expect(again).toMatchObject({ storedSpans: 0, duplicateSpans: 4, rejectedSpans: 0, traces: 0 });
    const after = await traceOf(task.traceId);
    expect(after).toEqual(before);
    expect(await db().span.count({ where: { traceId: task.traceId } })).toBe(4);
    // The JSON encoding of the same spans is the same spans.
    expect(await send(claims, jsonOf(task.spans), "application/json")).toMatchObject({ format: "json", storedSpans: 0, duplicateSpans: 4 });
  });

  it("adds up a trace whose spans arrive in two batches, children first", async () => {
    const task = recordAgentTask({ sessionId: `sess-${unique()}`, outcome: "escalated" });
    const children = task.spans.filter((span) => span.spanContext().spanId !== task.rootSpanId);
    const root = task.spans.filter((span) => span.spanContext().spanId === task.rootSpanId);
    await send(claims, protobufOf(children));
    const partial = await traceOf(task.traceId);
    expect(partial).toMatchObject({ spanCount: 3, rootSpanId: null, outcome: null, name: "chat gpt-4o" });

    await send(claims, protobufOf(root));
    const whole = await traceOf(task.traceId);
    expect(whole).toMatchObject({
      spanCount: 4,
      rootSpanId: task.rootSpanId,
      name: "invoke_agent claims-agent",
      outcome: "escalated",
      workflow: "claims-intake",
      inputTokens: 2300n,
      outputTokens: 250n,
      unpricedSpans: 1,
    });
    expect(whole.startTime.getTime()).toBeLessThan(partial.startTime.getTime());
    expect(whole.endTime.getTime()).toBeGreaterThan(partial.endTime.getTime());
  });

  it("accepts partial batches: valid spans stored, invalid ones counted with a reason", async () => {
    const traceId = hex(16);
    const valid: RawSpan = { traceId, spanId: hex(8), name: "ok span", start: NOW_NS, end: NOW_NS + 1_000n, attributes: { "controlroom.outcome": "done" } };
    const invalid: RawSpan[] = [
      { traceId: "0".repeat(32), spanId: hex(8), name: "zero trace", start: NOW_NS, end: NOW_NS },
      { traceId, spanId: "", name: "no span id", start: NOW_NS, end: NOW_NS },
      { traceId, spanId: hex(8), name: "backwards", start: NOW_NS, end: NOW_NS - 1n },
      { traceId, spanId: hex(8), name: "", start: NOW_NS, end: NOW_NS },
    ];
    const result = await send(claims, rawJsonRequest([valid, ...invalid]), "application/json");
    expect(result).toMatchObject({ receivedSpans: 5, storedSpans: 1, rejectedSpans: 4 });
    const response = JSON.parse(new TextDecoder().decode(result.response.body));
    expect(response.partialSuccess.rejectedSpans).toBe(4);
    expect(response.partialSuccess.errorMessage).toMatch(/4 spans rejected.*trace id must be 16 bytes.*span id must be 8 bytes.*end time is before start time.*span name is missing/);
    expect(await db().span.count({ where: { traceId } })).toBe(1);
    expect(await traceOf(traceId)).toMatchObject({ spanCount: 1, outcome: "done", name: "ok span" });
  });

  it("rejects spans for a trace of another team instead of mixing them in", async () => {
    const traceId = hex(16);
    await send(other, rawJsonRequest([{ traceId, spanId: hex(8), name: "theirs", start: NOW_NS, end: NOW_NS + 5n }]), "application/json");
    const intruder = await send(claims, rawJsonRequest([{ traceId, spanId: hex(8), name: "mine", start: NOW_NS, end: NOW_NS + 5n }]), "application/json");
    expect(intruder).toMatchObject({ storedSpans: 0, rejectedSpans: 1 });
    expect(intruder.errorMessage).toMatch(/another team/);
    expect(await traceOf(traceId)).toMatchObject({ teamId: other.teamId, spanCount: 1 });
  });

  it("counts Vercel AI SDK tokens once (on the provider calls)", async () => {
    const fixture = readFileSync(new URL("../../lib/traces/dialects/fixtures/vercel-ai.json", import.meta.url), "utf8");
    const traceId = hex(16);
    const body = new TextEncoder().encode(fixture.replaceAll("d4cda95b652f4a1592b449d5929fda1b", traceId));
    expect(await send(claims, body, "application/json")).toMatchObject({ storedSpans: 8, rejectedSpans: 0 });
    expect(await traceOf(traceId)).toMatchObject({ inputTokens: 410n + 490n + 700n + 4n, outputTokens: 22n + 38n + 120n, workflow: "support-reply", sessionId: "chat-1207" });
  });

  it("counts every span exactly once when overlapping batches of the same traces arrive at once", async () => {
    const tasks = [0, 1, 2].map(() => recordAgentTask({ sessionId: `sess-${unique()}`, outcome: "approved" }));
    const all = tasks.flatMap((task) => task.spans);
    const bodies = [all, [...all].reverse(), all.slice(0, 6), all.slice(5), all.filter((_, index) => index % 2 === 0)].map(protobufOf);
    const results = await Promise.all([...bodies, ...bodies].map((body) => send(claims, body)));
    expect(results.reduce((sum, result) => sum + result.storedSpans, 0)).toBe(12);
    for (const task of tasks) {
      expect(await traceOf(task.traceId)).toMatchObject({ spanCount: 4, errorCount: 1, inputTokens: 2300n, outputTokens: 250n, unpricedSpans: 1, rootSpanId: task.rootSpanId });
    }
  });

  it("inflates gzip bodies", async () => {
    const task = recordAgentTask({ sessionId: `sess-${unique()}`, outcome: "approved" });
    expect(await send(claims, gzipSync(protobufOf(task.spans)), "application/x-protobuf", "gzip")).toMatchObject({ storedSpans: 4 });
    expect(await db().span.count({ where: { traceId: task.traceId } })).toBe(4);
  });

  it("answers 415, 400 and 413 as errors and writes nothing", async () => {
    const task = recordAgentTask({ sessionId: `sess-${unique()}`, outcome: "approved" });
    const body = protobufOf(task.spans);
    expect((await expectAppError(send(claims, body, "text/plain"), "unsupported_media_type")).status).toBe(415);
    expect((await expectAppError(send(claims, body.subarray(0, body.length - 7)), "bad_request")).status).toBe(400);
    expect((await expectAppError(send(claims, new TextEncoder().encode("{oops"), "application/json"), "bad_request")).message).toMatch(/JSON/);
    expect((await expectAppError(send(claims, new Uint8Array(16 * 1024 * 1024 + 1)), "payload_too_large")).status).toBe(413);
    expect(await db().span.count({ where: { traceId: task.traceId } })).toBe(0);
  });

  it("answers 503 with Retry-After when the database refuses the batch, and keeps nothing", async () => {
    const task = recordAgentTask({ sessionId: `sess-${unique()}`, outcome: "approved" });
    const broken: AgentPrincipal = { ...claims, teamId: "not-a-uuid" };
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const error = await expectAppError(send(broken, protobufOf(task.spans)), "unavailable");
    expect(error.status).toBe(503);
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    expect(await db().span.count({ where: { traceId: task.traceId } })).toBe(0);
    expect(await db().trace.count({ where: { traceId: task.traceId } })).toBe(0);
  });
});
