import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { AgentPrincipal, UserPrincipal } from "../../lib/auth/principal";
import { invalidatePrices } from "../../lib/costs/load-prices";
import { readSpend, spendOf } from "../../lib/budgets/spend-store";
import { databaseTarget, db } from "../../lib/db/client";
import { loadPriceBook } from "../../lib/costs/load-prices";
import { getTraceView } from "../../lib/traces/get-trace";
import { prepareBatch } from "../../lib/traces/prepare-spans";
import { storeSpanRows, type RunQuery, type StoreRow } from "../../lib/traces/store-spans";
import { makeAgent, makeTeam, makeUser } from "./helpers";
import { send } from "./otlp-builders";

// One model call reported by two instrumentations (LangChain's and OpenAI's, as a common set-up does):
// both spans are kept, the trace's totals count the call once, whichever span arrives first and in
// however many batches (lib/traces/overlapping-calls.ts).
const LANGCHAIN = "openinference.instrumentation.langchain";
const OPENAI = "@opentelemetry/instrumentation-openai";
// gpt-4o at the test prices ($2.50 / $10 per million): 1,000 in + 200 out = $0.0045.
const CALL = { model: "gpt-4o", input: 1000, output: 200, costUsd: 0.0045 };

let agent: AgentPrincipal;
let admin: UserPrincipal;

beforeAll(async () => {
  invalidatePrices();
  const team = await makeTeam("overlap");
  const made = await makeAgent(team);
  agent = { kind: "agent", agentId: made.id, agentSlug: made.slug, teamId: team.id, keyId: "test-key" };
  admin = await makeUser("admin", []);
});

type Spec = { spanId: string; parentSpanId?: string; name: string; scope: string; fromMs: number; toMs: number; model?: string; input?: number; output?: number };
const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const T0 = BigInt(Date.now() - 60_000) * 1_000_000n;
const ms = (value: number) => T0 + BigInt(value) * 1_000_000n;

// OTLP/JSON with one scopeSpans entry per instrumentation scope, as an SDK with two instrumentations exports.
function request(traceId: string, specs: Spec[]): Uint8Array {
  const scopes = [...new Set(specs.map((spec) => spec.scope))];
  const attribute = (key: string, value: string | number) => ({ key, value: typeof value === "number" ? { intValue: String(value) } : { stringValue: value } });
  const body = {
    resourceSpans: [{
      resource: { attributes: [attribute("service.name", "overlap-agent")] },
      scopeSpans: scopes.map((scope) => ({
        scope: { name: scope, version: "1.0.0" },
        spans: specs.filter((spec) => spec.scope === scope).map((spec) => ({
          traceId,
          spanId: spec.spanId,
          parentSpanId: spec.parentSpanId ?? "",
          name: spec.name,
          kind: 3,
          startTimeUnixNano: ms(spec.fromMs).toString(),
          endTimeUnixNano: ms(spec.toMs).toString(),
          status: { code: 1 },
          attributes: spec.model
            ? [attribute("gen_ai.operation.name", "chat"), attribute("gen_ai.request.model", spec.model), attribute("gen_ai.usage.input_tokens", spec.input ?? 0), attribute("gen_ai.usage.output_tokens", spec.output ?? 0)]
            : [attribute("gen_ai.operation.name", "invoke_agent")],
        })),
      })),
    }],
  };
  return new TextEncoder().encode(JSON.stringify(body));
}

// A root, LangChain's span of the call (outer: starts first, ends last) and OpenAI's (inner).
function overlappingCall() {
  const traceId = hex(16);
  const root: Spec = { spanId: hex(8), name: "invoke_agent support", scope: "app", fromMs: 0, toMs: 2000 };
  const outer: Spec = { spanId: hex(8), parentSpanId: root.spanId, name: "ChatOpenAI", scope: LANGCHAIN, fromMs: 10, toMs: 1500, model: CALL.model, input: CALL.input, output: CALL.output };
  const inner: Spec = { spanId: hex(8), parentSpanId: root.spanId, name: "chat gpt-4o", scope: OPENAI, fromMs: 20, toMs: 1400, model: CALL.model, input: CALL.input, output: CALL.output };
  return { traceId, root, outer, inner };
}

const totalsOf = async (traceId: string) => {
  const trace = await db().trace.findUniqueOrThrow({ where: { traceId } });
  return { inputTokens: Number(trace.inputTokens), outputTokens: Number(trace.outputTokens), costUsd: Number(trace.costUsd), spanCount: trace.spanCount };
};
const duplicateOf = async (traceId: string, spanId: string) =>
  (await db().span.findUniqueOrThrow({ where: { traceId_spanId: { traceId, spanId } } })).duplicateOf;

async function expectCountedOnce(call: ReturnType<typeof overlappingCall>) {
  expect(await totalsOf(call.traceId)).toEqual({ inputTokens: CALL.input, outputTokens: CALL.output, costUsd: CALL.costUsd, spanCount: 3 });
  expect(await duplicateOf(call.traceId, call.inner.spanId)).toBe(call.outer.spanId);
  expect(await duplicateOf(call.traceId, call.outer.spanId)).toBeNull();
  // Both spans stay visible, each saying which one counts.
  const view = await getTraceView(admin, call.traceId);
  const inner = view.spans.find((span) => span.spanId === call.inner.spanId)!;
  const outer = view.spans.find((span) => span.spanId === call.outer.spanId)!;
  expect(inner.inputTokens).toBe(CALL.input);
  expect(inner.countedOnce).toEqual({ role: "duplicate", scope: OPENAI, others: [{ spanId: call.outer.spanId, name: "ChatOpenAI", scope: LANGCHAIN }] });
  expect(outer.countedOnce).toEqual({ role: "counted", scope: LANGCHAIN, others: [{ spanId: call.inner.spanId, name: "chat gpt-4o", scope: OPENAI }] });
  expect(view.totals).toEqual({ inputTokens: CALL.input, outputTokens: CALL.output, costUsd: CALL.costUsd });
}

describe("a model call two instrumentations reported", () => {
  it("is counted once when both spans arrive in one batch", async () => {
    const call = overlappingCall();
    expect((await send(agent, request(call.traceId, [call.root, call.outer, call.inner]), "application/json")).storedSpans).toBe(3);
    await expectCountedOnce(call);
  });

  it("is counted once when the inner (later-started) span arrives first", async () => {
    const call = overlappingCall();
    await send(agent, request(call.traceId, [call.inner]), "application/json");
    expect(await totalsOf(call.traceId)).toMatchObject({ inputTokens: CALL.input, costUsd: CALL.costUsd });
    await send(agent, request(call.traceId, [call.outer]), "application/json");
    await send(agent, request(call.traceId, [call.root]), "application/json");
    await expectCountedOnce(call);
  });

  it("is counted once when the outer span arrives first, and a re-sent batch changes nothing", async () => {
    const call = overlappingCall();
    await send(agent, request(call.traceId, [call.root, call.outer]), "application/json");
    await send(agent, request(call.traceId, [call.inner]), "application/json");
    await send(agent, request(call.traceId, [call.inner, call.outer]), "application/json");
    await expectCountedOnce(call);
  });

  it("counts the call once on the agent's budget counters too, whichever span arrives first", async () => {
    const scope = `agent:${agent.agentId}`;
    const spent = async () => spendOf(await readSpend([scope]), scope, "day");
    for (const order of [["inner", "outer"], ["outer", "inner"]] as const) {
      const call = overlappingCall();
      const before = await spent();
      for (const which of order) await send(agent, request(call.traceId, [call[which]]), "application/json");
      const after = await spent();
      expect(after.tokens - before.tokens, order.join(" then ")).toBe(CALL.input + CALL.output);
      expect(after.usd - before.usd).toBeCloseTo(CALL.costUsd, 8);
    }
  });

  it("takes a dated snapshot for its model: the wrapper reports the model asked for, the client the one that answered", async () => {
    const call = overlappingCall();
    const inner: Spec = { ...call.inner, model: "openai/GPT-4o-2024-08-06" };
    await send(agent, request(call.traceId, [call.root, call.outer, inner]), "application/json");
    expect(await duplicateOf(call.traceId, inner.spanId)).toBe(call.outer.spanId);
    expect((await totalsOf(call.traceId)).inputTokens).toBe(CALL.input);
  });

  it("keeps other models of a family apart (gpt-4o is not gpt-4o-mini)", async () => {
    const call = overlappingCall();
    const inner: Spec = { ...call.inner, model: "gpt-4o-mini" };
    await send(agent, request(call.traceId, [call.root, call.outer, inner]), "application/json");
    expect(await duplicateOf(call.traceId, inner.spanId)).toBeNull();
    expect((await totalsOf(call.traceId)).inputTokens).toBe(2 * CALL.input);
  });

  it("still counts calls that only look alike: same scope, other tokens, or apart in time", async () => {
    const call = overlappingCall();
    const sameScope: Spec = { ...call.inner, spanId: hex(8), scope: LANGCHAIN };
    const otherTokens: Spec = { ...call.inner, spanId: hex(8), output: CALL.output + 1 };
    const later: Spec = { ...call.inner, spanId: hex(8), fromMs: 1600, toMs: 1900 };
    await send(agent, request(call.traceId, [call.root, call.outer, sameScope, otherTokens, later]), "application/json");
    const totals = await totalsOf(call.traceId);
    expect(totals.inputTokens).toBe(4 * CALL.input);
    expect(totals.outputTokens).toBe(4 * CALL.output + 1);
    const spans = await db().span.findMany({ where: { traceId: call.traceId } });
    expect(spans.every((span) => span.duplicateOf === null)).toBe(true);
  });

  // The second statement runs only once a trace's LLM spans come from two scopes (traces.llm_scopes).
  describe("when the second statement runs", () => {
    const owner = () => ({ agentId: agent.agentId, teamId: agent.teamId });
    const rowsOf = async (traceId: string, specs: Spec[]) =>
      (await prepareBatch({ body: request(traceId, specs), contentType: "application/json", contentEncoding: null, book: await loadPriceBook() })).rowsJson;
    // Runs the statements through Prisma (or a transaction's client), counting them.
    const counting = (client: { $queryRawUnsafe: (text: string, ...params: unknown[]) => Promise<unknown> } = db()) => {
      const seen = { statements: 0 };
      const run: RunQuery = async (text, params) => {
        seen.statements++;
        return (await client.$queryRawUnsafe(text, ...params)) as StoreRow[];
      };
      return { seen, run };
    };
    const scopesOf = async (traceId: string) =>
      (await db().$queryRawUnsafe<{ llm_scopes: string[] | null }[]>(`SELECT llm_scopes FROM traces WHERE trace_id = $1`, traceId))[0].llm_scopes;

    it("not for a trace of one instrumentation; once a second scope reports a call; keeping at most two scopes", async () => {
      const call = overlappingCall();
      const first = counting();
      await storeSpanRows(first.run, owner(), await rowsOf(call.traceId, [call.root, call.outer]));
      expect(first.seen.statements).toBe(1);
      const sameScope = counting();
      await storeSpanRows(sameScope.run, owner(), await rowsOf(call.traceId, [{ ...call.outer, spanId: hex(8), output: 7 }]));
      expect(sameScope.seen.statements).toBe(1);
      expect(await scopesOf(call.traceId)).toEqual([LANGCHAIN]);

      const second = counting();
      await storeSpanRows(second.run, owner(), await rowsOf(call.traceId, [call.inner]));
      expect(second.seen.statements).toBe(2);
      expect(await duplicateOf(call.traceId, call.inner.spanId)).toBe(call.outer.spanId);
      expect(await scopesOf(call.traceId)).toEqual([OPENAI, LANGCHAIN].sort());

      const third = counting();
      await storeSpanRows(third.run, owner(), await rowsOf(call.traceId, [{ ...call.inner, spanId: hex(8), scope: "openllmetry", output: 9 }]));
      expect(third.seen.statements).toBe(2);
      expect(await scopesOf(call.traceId)).toHaveLength(2);
    });

    it("always for a trace stored before the scopes were kept (llm_scopes null)", async () => {
      const call = overlappingCall();
      await send(agent, request(call.traceId, [call.root, call.outer]), "application/json");
      await db().$executeRawUnsafe(`UPDATE traces SET llm_scopes = NULL WHERE trace_id = $1`, call.traceId);
      await send(agent, request(call.traceId, [call.inner]), "application/json");
      await expectCountedOnce(call);
      expect(await scopesOf(call.traceId)).toBeNull();
    });

    // Two batches of one trace, one per instrumentation, stored at the same time: each statement's
    // snapshot misses the other's span, but the trace row's upsert waits for the other to commit and
    // reads its latest version, so the second sees both scopes. Needs two connections: PostgreSQL only.
    it.skipIf(databaseTarget().kind !== "postgres")("for the later of two concurrent batches with different scopes", async () => {
      const call = overlappingCall();
      const outerRows = await rowsOf(call.traceId, [call.root, call.outer]);
      const innerRows = await rowsOf(call.traceId, [call.inner]);
      let inner: Promise<unknown> | undefined;
      await db().$transaction(
        async (tx) => {
          await storeSpanRows(counting(tx).run, owner(), outerRows);
          inner = storeSpanRows(counting().run, owner(), innerRows); // blocks on the trace row until this commits
          for (let tries = 0; tries < 100; tries++) {
            const [row] = await tx.$queryRawUnsafe<{ waiting: number }[]>(`SELECT count(*)::int AS waiting FROM pg_locks WHERE NOT granted`);
            if (row.waiting > 0) return;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          throw new Error("the second batch never waited for the first");
        },
        { timeout: 15_000 },
      );
      await inner;
      await expectCountedOnce(call);
    });
  });
});
