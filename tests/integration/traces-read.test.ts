import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import type { UserPrincipal } from "../../lib/auth/principal";
import type { AgentView } from "../../lib/agents/agent-view";
import { listTraces } from "../../lib/traces/list-traces";
import { getTrace, getTraceView } from "../../lib/traces/get-trace";
import { getSession } from "../../lib/traces/get-session";
import { getTrafficStats } from "../../lib/traces/traffic-stats";
import { expectAppError, makeAgent, makeTeam, makeUser, unique, type TestTeam } from "./helpers";
import { hexId, insertTrace } from "./trace-fixtures";

let teamA: TestTeam;
let teamB: TestTeam;
let claims: AgentView;
let refunds: AgentView;
let other: AgentView;
let viewerA: UserPrincipal;
let viewerB: UserPrincipal;
let admin: UserPrincipal;

// Every trace of this file starts within an hour after `base`, far from other files' rows.
const base = new Date(Date.UTC(2031, 0, 1, 12) + Math.floor(Math.random() * 1e5) * 3_600_000);
const minutes = (count: number) => new Date(base.getTime() + count * 60_000);

const ids: Record<string, string> = {};
const sessionId = `session-${unique()}`;

beforeAll(async () => {
  teamA = await makeTeam("traces-a");
  teamB = await makeTeam("traces-b");
  claims = await makeAgent(teamA);
  refunds = await makeAgent(teamA);
  other = await makeAgent(teamB);
  viewerA = await makeUser("viewer", [teamA.id]);
  viewerB = await makeUser("viewer", [teamB.id]);
  admin = await makeUser("admin", []);

  ids.plain = (await insertTrace({ agent: claims, start: minutes(1), outcome: "approved" })).traceId;
  ids.priced = (
    await insertTrace({
      agent: claims,
      start: minutes(2),
      spans: [
        { kind: "agent", startMs: 0, durationMs: 1000 },
        { kind: "llm", startMs: 100, model: "gpt-4o", inputTokens: 1000, outputTokens: 200, costUsd: 0.75 },
      ],
    })
  ).traceId;
  ids.unpriced = (
    await insertTrace({
      agent: claims,
      start: minutes(3),
      spans: [
        { kind: "agent", startMs: 0, durationMs: 500 },
        { kind: "llm", startMs: 10, model: "house-model-1", inputTokens: 50, outputTokens: 5, costUsd: null },
      ],
    })
  ).traceId;
  ids.failed = (
    await insertTrace({
      agent: refunds,
      start: minutes(4),
      outcome: "rejected",
      spans: [
        { kind: "agent", startMs: 0, durationMs: 300 },
        { kind: "tool", startMs: 50, toolName: "refund", status: "error", statusMessage: "card declined" },
      ],
    })
  ).traceId;
  ids.otherTeam = (await insertTrace({ agent: other, start: minutes(5), sessionId })).traceId;
});

describe("listTraces", () => {
  it("lists the principal's teams' traces newest first, never another team's", async () => {
    const page = await listTraces(viewerA, {});
    expect(page.traces.map((trace) => trace.traceId)).toEqual([ids.failed, ids.unpriced, ids.priced, ids.plain]);
    expect(page.nextCursor).toBeNull();
    const forB = await listTraces(viewerB, {});
    expect(forB.traces.map((trace) => trace.traceId)).toEqual([ids.otherTeam]);
  });

  it("shapes each item with agent slug, times as ISO strings, totals and a null cost when only unpriced spans cost", async () => {
    const { traces } = await listTraces(viewerA, { agent: claims.slug });
    const priced = traces.find((trace) => trace.traceId === ids.priced)!;
    expect(priced).toMatchObject({
      agent: { slug: claims.slug },
      sessionId: null,
      startTime: minutes(2).toISOString(),
      endTime: new Date(minutes(2).getTime() + 1000).toISOString(),
      status: "ok",
      durationMs: 1000,
      spanCount: 2,
      models: ["gpt-4o"],
      totals: { inputTokens: 1000, outputTokens: 200, costUsd: 0.75 },
    });
    expect(traces.find((trace) => trace.traceId === ids.unpriced)!.totals.costUsd).toBeNull();
    expect(traces.find((trace) => trace.traceId === ids.unpriced)!.unpricedSpans).toBe(1);
    expect(traces.find((trace) => trace.traceId === ids.plain)!.totals.costUsd).toBe(0);
  });

  it("filters by agent, status, time, model, minimum cost, outcome, errors and session", async () => {
    const idsOf = async (query: Parameters<typeof listTraces>[1]) => (await listTraces(admin, query)).traces.map((trace) => trace.traceId);
    const window = { since: minutes(0).toISOString(), until: minutes(10).toISOString() };
    expect(await idsOf({ agent: refunds.slug })).toEqual([ids.failed]);
    expect(await idsOf({ ...window, status: "error" })).toEqual([ids.failed]);
    expect(await idsOf({ since: minutes(2).toISOString(), until: minutes(3).toISOString() })).toEqual([ids.unpriced, ids.priced]);
    expect(await idsOf({ ...window, model: "gpt-4o" })).toEqual([ids.priced]);
    expect(await idsOf({ ...window, minCost: "0.5" })).toEqual([ids.priced]);
    expect(await idsOf({ ...window, outcome: "approved" })).toEqual([ids.plain]);
    expect(await idsOf({ ...window, hasError: "true" })).toEqual([ids.failed]);
    expect(await idsOf({ agent: claims.slug, hasError: false })).toEqual([ids.unpriced, ids.priced, ids.plain]);
    expect(await idsOf({ session: sessionId })).toEqual([ids.otherTeam]);
    // A GET form sends empty fields: they mean "no filter".
    expect(await idsOf({ agent: claims.slug, status: "", model: "", minCost: "", hasError: "" })).toHaveLength(3);
  });

  it("pages with a cursor that neither skips nor repeats traces, even ones a microsecond apart", async () => {
    const agent = await makeAgent(teamA);
    const start = minutes(30);
    const made: string[] = [];
    for (let index = 0; index < 5; index += 1) made.push((await insertTrace({ agent, start })).traceId);
    // Same millisecond, different microseconds: what a JS Date cursor would get wrong.
    await db().$executeRaw`UPDATE traces SET start_time = start_time + (interval '1 microsecond' * ${1}) WHERE trace_id = ${made[1]}`;
    await db().$executeRaw`UPDATE traces SET start_time = start_time + (interval '1 microsecond' * ${3}) WHERE trace_id = ${made[3]}`;

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listTraces(viewerA, { agent: agent.slug, limit: 2, cursor });
      seen.push(...page.traces.map((trace) => trace.traceId));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);

    const tied = made.filter((id) => id !== made[1] && id !== made[3]).sort().reverse();
    expect(seen).toEqual([made[3], made[1], ...tied]);
    expect(pages).toBe(3);
  });

  it("refuses another team's agent, an unknown agent, a bad cursor and a limit over 200", async () => {
    await expectAppError(listTraces(viewerA, { agent: other.slug }), "not_found");
    await expectAppError(listTraces(viewerA, { agent: `missing-${unique()}` }), "not_found");
    await expectAppError(listTraces(viewerA, { cursor: "not-a-cursor" }), "validation_failed");
    await expect(listTraces(viewerA, { limit: 201 })).rejects.toThrow();
  });
});

describe("getTrace", () => {
  it("returns exactly DESIGN.md's read shape with spans in start order", async () => {
    const spanIds = { root: hexId(8), late: hexId(8), early: hexId(8) };
    const { traceId } = await insertTrace({
      agent: claims,
      start: minutes(40),
      sessionId: `detail-${unique()}`,
      spans: [
        { spanId: spanIds.root, kind: "agent", startMs: 0, durationMs: 900, name: "invoke_agent claims" },
        { spanId: spanIds.late, kind: "tool", startMs: 500, toolName: "lookup", name: "execute_tool lookup" },
        { spanId: spanIds.early, kind: "llm", startMs: 100, model: "gpt-4o", inputTokens: 10, outputTokens: 2, costUsd: 0.001, attributes: { "gen_ai.request.model": "gpt-4o" } },
      ],
    });
    const trace = await getTrace(viewerA, traceId);
    expect(Object.keys(trace).sort()).toEqual(["agent", "endTime", "sessionId", "spans", "startTime", "status", "totals", "traceId", "version"].sort());
    expect(trace.agent).toEqual({ slug: claims.slug });
    expect(trace.totals).toEqual({ inputTokens: 10, outputTokens: 2, costUsd: 0.001 });
    expect(trace.spans.map((span) => span.spanId)).toEqual([spanIds.root, spanIds.early, spanIds.late]);
    expect(Object.keys(trace.spans[1]).sort()).toEqual(
      ["spanId", "parentSpanId", "name", "kind", "startTime", "endTime", "status", "model", "toolName", "inputTokens", "outputTokens", "costUsd", "attributes", "version", "input", "output", "events"].sort(),
    );
    expect(trace.spans[1]).toMatchObject({
      parentSpanId: spanIds.root,
      kind: "llm",
      model: "gpt-4o",
      costUsd: 0.001,
      startTime: new Date(minutes(40).getTime() + 100).toISOString(),
      attributes: { "gen_ai.request.model": "gpt-4o" },
    });
    expect(trace.spans[2]).toMatchObject({ toolName: "lookup", costUsd: null, inputTokens: null });
    expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
  });

  it("gives the timeline the payloads and errors the read contract leaves out", async () => {
    const view = await getTraceView(viewerA, ids.failed);
    const tool = view.spans.find((span) => span.kind === "tool")!;
    expect(tool).toMatchObject({ status: "error", statusMessage: "card declined", toolName: "refund" });
    expect(view.agent).toEqual({ slug: refunds.slug, name: refunds.name, team: teamA.name });
  });

  it("answers another team's trace as it answers a trace that does not exist", async () => {
    await expectAppError(getTrace(viewerA, ids.otherTeam), "not_found");
    await expectAppError(getTrace(viewerA, hexId(16)), "not_found");
    expect((await getTrace(admin, ids.otherTeam)).traceId).toBe(ids.otherTeam);
  });
});

describe("getSession", () => {
  it("returns the session's turns in order, each from what came in to what was answered", async () => {
    const session = `replay-${unique()}`;
    const second = await insertTrace({
      agent: claims,
      start: minutes(50),
      sessionId: session,
      spans: [
        { kind: "agent", startMs: 0, durationMs: 400, input: "And claim 8?", output: "Claim 8 is not covered." },
        { kind: "tool", startMs: 100, toolName: "lookup_policy", input: '{"claim":8}', output: '{"covered":false}' },
      ],
    });
    const first = await insertTrace({
      agent: claims,
      start: minutes(45),
      sessionId: session,
      spans: [
        { kind: "agent", startMs: 0, durationMs: 900, input: "Is claim 7 covered?", output: "Yes." },
        { kind: "llm", startMs: 100, model: "gpt-4o", output: "I should look up the policy", inputTokens: 5, outputTokens: 5, costUsd: 0.01 },
        { kind: "tool", startMs: 300, toolName: "lookup_policy", input: '{"claim":7}', output: '{"covered":true}' },
      ],
    });
    const replay = await getSession(viewerA, session);
    expect(replay.turns.map((turn) => [turn.number, turn.traceId])).toEqual([
      [1, first.traceId],
      [2, second.traceId],
    ]);
    expect(replay.turns[0].steps.map((step) => step.kind)).toEqual(["input", "thought", "tool", "answer"]);
    expect(replay.turns[0].steps[0].span?.input).toBe("Is claim 7 covered?");
    expect(replay.turns[1].steps.map((step) => step.label)).toEqual(["Input", "Tool · lookup_policy", "Answer"]);
    expect(replay).toMatchObject({ sessionId: session, agents: [claims.slug], traceCount: 2, truncated: false, totals: { costUsd: 0.01 } });
  });

  it("answers another team's session as it answers a session that does not exist", async () => {
    await expectAppError(getSession(viewerA, sessionId), "not_found");
    await expectAppError(getSession(viewerA, `nope-${unique()}`), "not_found");
    expect((await getSession(viewerB, sessionId)).turns).toHaveLength(1);
  });
});

describe("getTrafficStats", () => {
  it("counts traces per minute, the error rate and spend today against yesterday, for the principal's teams", async () => {
    const team = await makeTeam("traffic");
    const agent = await makeAgent(team);
    const viewer = await makeUser("viewer", [team.id]);
    const now = new Date(Date.UTC(2050, 5, 10, 12, 0, 0));
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const spend = (costUsd: number | null) => [{ kind: "llm" as const, startMs: 0, model: "m", inputTokens: 1, outputTokens: 1, costUsd }];
    await insertTrace({ agent, start: ago(60_000), spans: spend(1.5) });
    await insertTrace({ agent, start: ago(5 * 60_000), spans: [{ kind: "tool", startMs: 0, status: "error" }] });
    await insertTrace({ agent, start: ago(30 * 60_000), spans: spend(null) });
    await insertTrace({ agent, start: ago(24 * 3_600_000 + 60_000), spans: spend(2) }); // yesterday, before this time of day
    await insertTrace({ agent, start: ago(24 * 3_600_000 - 3_600_000), spans: spend(4) }); // yesterday, after this time of day

    const stats = await getTrafficStats(viewer, now);
    expect(stats).toMatchObject({
      tracesLast15m: 2,
      tracesPerMinute: 0.1,
      tracesLastHour: 3,
      errorTracesLastHour: 1,
      spend: { todayUsd: 1.5, unpricedSpansToday: 1, yesterdaySameTimeUsd: 2, yesterdayUsd: 6 },
    });
    expect(stats.errorRateLastHour).toBeCloseTo(1 / 3);
    const outsider = await getTrafficStats(viewerA, now);
    expect(outsider.tracesLastHour).toBe(0);
    expect(outsider.errorRateLastHour).toBeNull();
  });
});
