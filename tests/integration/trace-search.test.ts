import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import type { UserPrincipal } from "../../lib/auth/principal";
import type { AgentView } from "../../lib/agents/agent-view";
import { listTraces } from "../../lib/traces/list-traces";
import { containsPattern } from "../../lib/traces/trace-search";
import { expectAppError, makeAgent, makeTeam, makeUser, unique } from "./helpers";
import { insertTrace } from "./trace-fixtures";

// Trace search and sorting (lib/traces/list-traces.ts, trace-search.ts) on the real query: ids, text in
// span inputs/outputs, sort orders and their cursors. Every text carries this run's token, and lists
// are scoped to this file's agents, so rows other files (or earlier runs) left never match.
const token = `tok${unique()}`;
const base = new Date(Date.UTC(2032, 0, 1, 12) + Math.floor(Math.random() * 1e5) * 3_600_000);
const at = (minutes: number) => new Date(base.getTime() + minutes * 60_000);

let agent: AgentView;
let otherTeamAgent: AgentView;
let viewer: UserPrincipal;
let admin: UserPrincipal;
const ids: Record<string, string> = {};
const sessionId = `sess-${unique()}`;

beforeAll(async () => {
  const team = await makeTeam("search-a");
  const otherTeam = await makeTeam("search-b");
  agent = await makeAgent(team);
  otherTeamAgent = await makeAgent(otherTeam);
  viewer = await makeUser("viewer", [team.id]);
  admin = await makeUser("admin", []);

  const llm = (input: string, output: string, extra: { inputTokens?: number; outputTokens?: number; costUsd?: number } = {}) => ({
    kind: "llm" as const,
    startMs: 10,
    model: "gpt-4o",
    input,
    output,
    inputTokens: extra.inputTokens ?? 100,
    outputTokens: extra.outputTokens ?? 10,
    costUsd: extra.costUsd ?? 0.01,
  });
  const root = (durationMs: number) => ({ kind: "agent" as const, startMs: 0, durationMs });

  ids.jug = (
    await insertTrace({
      agent,
      start: at(1),
      sessionId,
      spans: [root(4000), llm(`${token} The blender arrived with a CRACKED JUG`, "I am sorry to hear that", { inputTokens: 500, outputTokens: 50, costUsd: 0.2 })],
    })
  ).traceId;
  ids.refund = (
    await insertTrace({
      agent,
      start: at(2),
      sessionId,
      spans: [root(1000), llm(`${token} where is my parcel?`, `${token} Refund issued: order ORD-77 refunded`, { inputTokens: 900, outputTokens: 90, costUsd: 0.05 })],
    })
  ).traceId;
  ids.percent = (await insertTrace({ agent, start: at(3), spans: [root(2000), llm(`${token} discount 100% off`, "ok", { inputTokens: 10, outputTokens: 1, costUsd: 0.05 })] })).traceId;
  ids.thousand = (await insertTrace({ agent, start: at(4), spans: [root(3000), llm(`${token} discount 1000 off`, "ok", { inputTokens: 10, outputTokens: 1, costUsd: 0.05 })] })).traceId;
  ids.underscore = (await insertTrace({ agent, start: at(5), spans: [root(500), llm(`${token} field order_id`, "ok")] })).traceId;
  ids.otherTeam = (await insertTrace({ agent: otherTeamAgent, start: at(6), spans: [root(100), llm(`${token} The blender arrived with a cracked jug`, "ok")] })).traceId;
});

const idsOf = async (principal: UserPrincipal, query: Parameters<typeof listTraces>[1]) =>
  (await listTraces(principal, { agent: agent.slug, ...query })).traces.map((trace) => trace.traceId);

describe("trace search (q)", () => {
  it("finds a trace by its exact id, and says so", async () => {
    const page = await listTraces(viewer, { q: ids.refund });
    expect(page.matchedAs).toBe("traceId");
    expect(page.traces.map((trace) => trace.traceId)).toEqual([ids.refund]);
  });

  it("never matches another team's trace id: it is searched as text instead, and finds nothing", async () => {
    const page = await listTraces(viewer, { q: ids.otherTeam });
    expect(page.matchedAs).toBe("text");
    expect(page.traces).toEqual([]);
  });

  it("finds a session's traces by its exact id", async () => {
    const page = await listTraces(viewer, { q: sessionId });
    expect(page.matchedAs).toBe("sessionId");
    expect(page.traces.map((trace) => trace.traceId)).toEqual([ids.refund, ids.jug]);
  });

  it("finds text in inputs and in outputs, case-insensitively, only in the principal's teams", async () => {
    const jug = await listTraces(viewer, { q: `${token} the blender arrived with a cracked jug` });
    expect(jug.matchedAs).toBe("text");
    expect(jug.traces.map((trace) => trace.traceId)).toEqual([ids.jug]);
    expect(await idsOf(viewer, { q: "order ORD-77 REFUNDED" })).toEqual([ids.refund]);
    // The admin sees both teams' jugs.
    const everywhere = await listTraces(admin, { q: `${token} The blender arrived` });
    expect(everywhere.traces.map((trace) => trace.traceId)).toEqual([ids.otherTeam, ids.jug]);
    expect(await idsOf(viewer, { q: `${token} nothing like this anywhere` })).toEqual([]);
  });

  it("takes % and _ literally", async () => {
    expect(await idsOf(viewer, { q: `${token} discount 100%` })).toEqual([ids.percent]);
    expect(await idsOf(viewer, { q: `${token} discount 10_0` })).toEqual([]);
    expect(await idsOf(viewer, { q: "order_id" })).toEqual([ids.underscore]);
  });

  it("combines with the other filters and a time range", async () => {
    expect(await idsOf(viewer, { q: token, since: at(2).toISOString(), until: at(4).toISOString() })).toEqual([ids.thousand, ids.percent, ids.refund]);
    expect(await idsOf(viewer, { q: token, minCost: "0.1" })).toEqual([ids.jug]);
  });

  it("refuses text too short to search unless it is an id", async () => {
    const error = await expectAppError(listTraces(viewer, { q: "ab" }), "validation_failed");
    expect(error.message).toMatch(/at least 3 characters/);
  });

  it("has a trigram index that serves the text condition (pg_trgm on this engine)", async () => {
    const pattern = containsPattern("cracked jug");
    // A handful of rows make a sequential scan cheaper; with it priced out, the index must serve.
    const plan = await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRaw<Record<string, string>[]>`EXPLAIN SELECT trace_id FROM spans s WHERE s.input ILIKE ${pattern} OR s.output ILIKE ${pattern}`;
    });
    expect(plan.map((row) => Object.values(row)[0]).join("\n")).toMatch(/Bitmap Index Scan on spans_text_trgm_idx/);
  });
});

describe("sorting", () => {
  const mine = [() => ids.jug, () => ids.refund, () => ids.percent, () => ids.thousand, () => ids.underscore];
  it("sorts by duration, cost, tokens and start time, either way", async () => {
    expect(await idsOf(viewer, { sort: "duration", order: "desc" })).toEqual([ids.jug, ids.thousand, ids.percent, ids.refund, ids.underscore]);
    expect(await idsOf(viewer, { sort: "duration", order: "asc" })).toEqual([ids.underscore, ids.refund, ids.percent, ids.thousand, ids.jug]);
    expect(await idsOf(viewer, { sort: "tokens", order: "desc" })).toEqual([ids.refund, ids.jug, ids.underscore, ...[ids.percent, ids.thousand].sort().reverse()]);
    expect(await idsOf(viewer, { sort: "startTime", order: "asc" })).toEqual(mine.map((id) => id()));
    const byCost = await listTraces(viewer, { agent: agent.slug, sort: "cost", order: "desc" });
    expect(byCost.traces.map((trace) => trace.totals.costUsd)).toEqual([0.2, 0.05, 0.05, 0.05, 0.01]);
  });

  it("pages every order with a cursor that neither skips nor repeats, ties included", async () => {
    for (const [sort, order] of [["cost", "desc"], ["cost", "asc"], ["tokens", "asc"], ["duration", "desc"], ["startTime", "asc"], ["startTime", "desc"]] as const) {
      const whole = await idsOf(viewer, { sort, order });
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listTraces(viewer, { agent: agent.slug, sort, order, limit: 2, cursor });
        seen.push(...page.traces.map((trace) => trace.traceId));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor && pages < 10);
      expect(seen, `${sort} ${order}`).toEqual(whole);
      expect(pages).toBe(3);
    }
  });

  it("pages text search results too", async () => {
    const first = await listTraces(viewer, { q: token, limit: 3 });
    const second = await listTraces(viewer, { q: token, limit: 3, cursor: first.nextCursor! });
    expect([...first.traces, ...second.traces].map((trace) => trace.traceId)).toEqual([ids.underscore, ids.thousand, ids.percent, ids.refund, ids.jug]);
    expect(second.nextCursor).toBeNull();
  });

  it("refuses a cursor made for another order", async () => {
    const page = await listTraces(viewer, { agent: agent.slug, sort: "cost", limit: 1 });
    await expectAppError(listTraces(viewer, { agent: agent.slug, sort: "tokens", cursor: page.nextCursor! }), "validation_failed");
    await expectAppError(listTraces(viewer, { agent: agent.slug, cursor: page.nextCursor! }), "validation_failed");
  });
});
