import { beforeAll, describe, expect, it } from "vitest";
import type { UserPrincipal } from "../../lib/auth/principal";
import { db } from "../../lib/db/client";
import { createOnlineEvaluator } from "../../lib/evals/online/create-online-evaluator";
import { listOnlineEvaluators } from "../../lib/evals/online/list-online-evaluators";
import { updateOnlineEvaluator } from "../../lib/evals/online/update-online-evaluator";
import { deleteOnlineEvaluator } from "../../lib/evals/online/delete-online-evaluator";
import { scoreOnlineEvaluator, MAX_JUDGE_ATTEMPTS, type ScoreOnlineOptions } from "../../lib/evals/online/score-online";
import { isSampled } from "../../lib/evals/online/sample";
import { listDriftMonitors } from "../../lib/drift/monitor/list-monitors";
import { getDriftSeries } from "../../lib/drift/series/get-drift-series";
import { ONLINE_BASELINE_SCORES } from "../../lib/drift/monitor/online-monitor";
import { auditOf, expectAppError, makeAgent, makeTeam, makeUser, unique } from "./helpers";

// Online evaluators against the database: they score only the agent's completed live traces (never
// evaluation traffic or unfinished tasks), pick the same sample whoever scores, count each trace once,
// and a shift in their failure rate raises a drift alert through the shared rate CUSUM.

type Agent = { id: string; slug: string; teamId: string };
const settled: ScoreOnlineOptions = { settleSeconds: 0, judge: null };
let sequence = 0;

// Stored traces as ingest leaves them (completed now unless `completed: false`); `steps` per trace.
async function storeTraces(agent: Agent, steps: number[], options: { evalRunId?: string; completed?: boolean; output?: string } = {}): Promise<string[]> {
  const rows = steps.map((spanCount) => {
    const traceId = `${unique()}${(sequence++).toString(16)}`.padEnd(32, "0").slice(0, 32);
    const startTime = new Date(Date.now() - 3_600_000 + sequence * 1000);
    return {
      traceId,
      agentId: agent.id,
      teamId: agent.teamId,
      rootSpanId: "root",
      name: "task",
      startTime,
      endTime: new Date(startTime.getTime() + 1500),
      spanCount,
      version: "v1",
      evalRunId: options.evalRunId ?? null,
      completedAt: options.completed === false ? null : new Date(),
    };
  });
  await db().trace.createMany({ data: rows });
  if (options.output !== undefined) {
    await db().span.createMany({
      data: rows.map((row) => ({ traceId: row.traceId, spanId: "root", agentId: agent.id, teamId: agent.teamId, name: "task", kind: "agent" as const, startTime: row.startTime, endTime: row.endTime, input: "claim 42", output: options.output })),
    });
  }
  return rows.map((row) => row.traceId);
}

async function scoreAll(evaluatorId: string, options: ScoreOnlineOptions = settled) {
  const steps = [];
  for (let i = 0; i < 20; i++) {
    const step = await scoreOnlineEvaluator(evaluatorId, options);
    steps.push(step);
    if (!step || step.caughtUp) break;
  }
  return steps;
}

const scoredIds = async (evaluatorId: string) =>
  (await db().onlineScore.findMany({ where: { evaluatorId }, select: { traceId: true } })).map((score) => score.traceId).sort();

let developer: UserPrincipal;
let viewer: UserPrincipal;

async function newAgent(): Promise<Agent> {
  const team = await makeTeam("online");
  developer = await makeUser("developer", [team.id]);
  viewer = await makeUser("viewer", [team.id]);
  const created = await makeAgent(team);
  return { id: created.id, slug: created.slug, teamId: team.id };
}

describe("managing online evaluators", () => {
  let agent: Agent;
  beforeAll(async () => {
    agent = await newAgent();
  });

  it("accepts only online types, a sample rate in (0, 1] and a name once per agent; audits each change", async () => {
    await expect(createOnlineEvaluator(developer, agent.slug, { name: "outcome", evaluator: { type: "outcome_match" }, sampleRate: 1 })).rejects.toThrow(/no expected answer/);
    await expect(createOnlineEvaluator(developer, agent.slug, { name: "zero", evaluator: { type: "max_steps", max: 3 }, sampleRate: 0 })).rejects.toThrow(/more than 0/);
    await expectAppError(createOnlineEvaluator(viewer, agent.slug, { name: "steps", evaluator: { type: "max_steps", max: 3 }, sampleRate: 1 }), "forbidden");
    const created = await createOnlineEvaluator(developer, agent.slug, { name: "steps", evaluator: { type: "max_steps", max: 3 }, sampleRate: 0.5 });
    expect(created).toMatchObject({ name: "steps", metric: "online:steps", enabled: true, sampleRate: 0.5, scores: { total: 0, recent: { n: 0, passRate: null } } });
    await expectAppError(createOnlineEvaluator(developer, agent.slug, { name: "steps", evaluator: { type: "max_cost_usd", max: 1 }, sampleRate: 1 }), "conflict");
    const updated = await updateOnlineEvaluator(developer, agent.slug, created.id, { sampleRate: 1, enabled: false });
    expect(updated).toMatchObject({ sampleRate: 1, enabled: false });
    expect((await listOnlineEvaluators(viewer, agent.slug)).map((evaluator) => evaluator.name)).toEqual(["steps"]);
    await deleteOnlineEvaluator(developer, agent.slug, created.id);
    expect(await listOnlineEvaluators(viewer, agent.slug)).toEqual([]);
    expect((await auditOf(created.id)).map((entry) => entry.action)).toEqual(["online_evaluator.create", "online_evaluator.update", "online_evaluator.delete"]);
  });
});

describe("scoring live traces", () => {
  it("scores only completed live traces, not evaluation traffic nor unfinished tasks, each once", async () => {
    const agent = await newAgent();
    const evaluator = await createOnlineEvaluator(developer, agent.slug, { name: "steps", evaluator: { type: "max_steps", max: 5 }, sampleRate: 1 });
    const live = await storeTraces(agent, [3, 4, 9, 2, 7]);
    await storeTraces(agent, [3, 3], { evalRunId: "run-1" });
    await storeTraces(agent, [3], { completed: false });
    await scoreAll(evaluator.id);
    expect(await scoredIds(evaluator.id)).toEqual([...live].sort());
    const scores = await db().onlineScore.findMany({ where: { evaluatorId: evaluator.id } });
    expect(scores.filter((score) => !score.passed).length).toBe(2);
    expect(scores.every((score) => score.version === "v1" && score.agentId === agent.id)).toBe(true);

    // Idempotent: a second step finds nothing new, and re-reading from the start adds no row.
    expect(await scoreOnlineEvaluator(evaluator.id, settled)).toMatchObject({ scored: 0 });
    await db().onlineEvaluator.update({ where: { id: evaluator.id }, data: { scoredUntil: new Date(Date.now() - 86_400_000), scoredTraceId: "" } });
    const again = await scoreAll(evaluator.id);
    expect(again.reduce((sum, step) => sum + (step?.scored ?? 0), 0)).toBe(0);
    expect(await db().onlineScore.count({ where: { evaluatorId: evaluator.id } })).toBe(5);
    const [view] = await listOnlineEvaluators(viewer, agent.slug);
    expect(view.scores).toMatchObject({ total: 5, recent: { n: 5, passRate: 0.6 } });
  });

  it("samples by a hash of the trace id: the same traces whoever scores, about the rate asked", async () => {
    const agent = await newAgent();
    const first = await createOnlineEvaluator(developer, agent.slug, { name: "a", evaluator: { type: "max_steps", max: 5 }, sampleRate: 0.3 });
    const second = await createOnlineEvaluator(developer, agent.slug, { name: "b", evaluator: { type: "max_cost_usd", max: 1 }, sampleRate: 0.3 });
    const live = await storeTraces(agent, Array.from({ length: 120 }, () => 3));
    await scoreAll(first.id);
    await scoreAll(second.id);
    const expected = live.filter((traceId) => isSampled(traceId, 0.3)).sort();
    expect(await scoredIds(first.id)).toEqual(expected);
    expect(await scoredIds(second.id)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(15);
    expect(expected.length).toBeLessThan(60);
  });

  it("does not score while disabled, and from re-enabling on", async () => {
    const agent = await newAgent();
    const evaluator = await createOnlineEvaluator(developer, agent.slug, { name: "off", evaluator: { type: "max_steps", max: 5 }, sampleRate: 1, enabled: false });
    await storeTraces(agent, [1, 2]);
    expect(await scoreOnlineEvaluator(evaluator.id, settled)).toBeNull();
    await updateOnlineEvaluator(developer, agent.slug, evaluator.id, { enabled: true });
    const after = await storeTraces(agent, [3]);
    await scoreAll(evaluator.id);
    expect(await scoredIds(evaluator.id)).toEqual(after);
  });

  it("waits for an unconfigured judge, retries a failing one and skips a trace it cannot judge after three tries", async () => {
    const agent = await newAgent();
    const evaluator = await createOnlineEvaluator(developer, agent.slug, { name: "judge", evaluator: { type: "llm_judge", criteria: "Polite" }, sampleRate: 1 });
    // One after the other (traces completed in the same millisecond are read in trace-id order).
    const [unreadable] = await storeTraces(agent, [2], { output: "Thank you" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const [fine] = await storeTraces(agent, [2], { output: "Thank you" });
    expect(await scoreOnlineEvaluator(evaluator.id, settled)).toMatchObject({ scored: 0, waiting: expect.stringContaining("not configured") });
    const judge: ScoreOnlineOptions["judge"] = async (request) => {
      if (calls++ < MAX_JUDGE_ATTEMPTS) throw new Error("judge timed out");
      return { score: request.output.includes("Thank") ? 0.9 : 0.1, reason: "ok" };
    };
    let calls = 0;
    for (let attempt = 1; attempt < MAX_JUDGE_ATTEMPTS; attempt++) {
      expect(await scoreOnlineEvaluator(evaluator.id, { settleSeconds: 0, judge })).toMatchObject({ scored: 0, waiting: expect.stringContaining(`attempt ${attempt}`) });
    }
    expect(await scoreOnlineEvaluator(evaluator.id, { settleSeconds: 0, judge })).toMatchObject({ scored: 0, waiting: expect.stringContaining(`Skipped trace ${unreadable}`) });
    await scoreAll(evaluator.id, { settleSeconds: 0, judge });
    const scores = await db().onlineScore.findMany({ where: { evaluatorId: evaluator.id } });
    expect(scores.map((score) => [score.traceId, score.passed])).toEqual([[fine, true]]);
    expect((await db().onlineEvaluator.findUniqueOrThrow({ where: { id: evaluator.id } })).lastError).toBeNull();
  });
});

describe("drift of an online evaluator's failure rate", () => {
  it("collects its first scores as the baseline and raises a drift alert when failures rise", async () => {
    const agent = await newAgent();
    const evaluator = await createOnlineEvaluator(developer, agent.slug, { name: "steps", evaluator: { type: "max_steps", max: 5 }, sampleRate: 1 });
    // 10% of traces over the bound, then 50%.
    await storeTraces(agent, Array.from({ length: ONLINE_BASELINE_SCORES + 100 }, (_, i) => (i % 10 === 0 ? 9 : 3)));
    await scoreAll(evaluator.id);
    let [monitor] = await listDriftMonitors(viewer, { agent: agent.slug });
    // Traces completed in the same millisecond are read in trace-id order: the baseline is about 10%.
    expect(monitor).toMatchObject({ metric: "online:steps", status: "healthy", baseline: { n: ONLINE_BASELINE_SCORES, target: ONLINE_BASELINE_SCORES } });
    expect(monitor.baseline.value).toBeCloseTo(0.1, 1);
    expect(await db().alert.count({ where: { agentId: agent.id, kind: "drift" } })).toBe(0);

    await storeTraces(agent, Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? 9 : 3)));
    const steps = await scoreAll(evaluator.id);
    // The CUSUM restarts after an alarm and may alarm again: the open alert is kept, not raised twice.
    const alerts = [...new Set(steps.flatMap((step) => step?.alerts ?? []))];
    expect(alerts).toHaveLength(1);
    expect(await db().alert.count({ where: { agentId: agent.id, kind: "drift" } })).toBe(1);
    const alert = await db().alert.findUniqueOrThrow({ where: { id: alerts[0] } });
    expect(alert).toMatchObject({ kind: "drift", metric: "online:steps", agentId: agent.id });
    expect(alert.title).toMatch(/Failure rate of online evaluator "steps" rose \d+\.\d% → \d+\.\d%/);
    [monitor] = await listDriftMonitors(viewer, { agent: agent.slug });
    expect(monitor).toMatchObject({ metric: "online:steps", status: "drifting", alertId: alert.id });

    const series = await getDriftSeries(viewer, agent.slug, "online:steps");
    expect(series.baseline.value).toBe(monitor.baseline.value);
    expect(series.points.reduce((sum, point) => sum + point.n, 0)).toBe(ONLINE_BASELINE_SCORES + 400);
    expect(series.changePointAt).toBeInstanceOf(Date);
  });
});
