import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import type { UserPrincipal } from "../../lib/auth/principal";
import { createDataset } from "../../lib/evals/datasets/create-dataset";
import { addDatasetItem } from "../../lib/evals/datasets/add-dataset-item";
import { createSuite } from "../../lib/evals/suites/create-suite";
import { startRun } from "../../lib/evals/runs/start-run";
import { reportResult } from "../../lib/evals/runs/report-result";
import { completeRun } from "../../lib/evals/runs/complete-run";
import { createVersion } from "../../lib/versions/create-version";
import { compareVersionRuns } from "../../lib/versions/compare-runs";
import { expectAppError, makeAgent, makeTeam, makeUser, unique, type TestTeam } from "./helpers";
import { hexId } from "./trace-fixtures";

// Two versions compared on live traffic and on their latest completed runs of the gating suite: the
// metrics and the sign of their intervals, evaluation traffic and old traces left out, and the items
// that regressed.

let team: TestTeam;
let developer: UserPrincipal;
let viewer: UserPrincipal;
let outsider: UserPrincipal;

beforeAll(async () => {
  team = await makeTeam("compare-runs");
  developer = await makeUser("developer", [team.id]);
  viewer = await makeUser("viewer", [team.id]);
  outsider = await makeUser("viewer", [(await makeTeam("elsewhere")).id]);
});

type Agent = { id: string; teamId: string; slug: string };
const now = new Date();
const DAY_MS = 24 * 60 * 60 * 1000;

async function agentWithTwoVersions(): Promise<Agent> {
  const agent = await makeAgent(team);
  await createVersion(developer, agent.slug, { prompt: "p1", model: "m", message: "v1" });
  await createVersion(developer, agent.slug, { prompt: "p2", model: "m", message: "v2" });
  return agent;
}

// `count` finished tasks of one version: `errors` of them failed; cost and latency spread a little.
async function tasks(agent: Agent, version: string, count: number, options: { errors?: number; cost: number; latencyMs: number; outcome?: (index: number) => string; daysAgo?: number; evalRunId?: string }) {
  const traceIds = Array.from({ length: count }, () => hexId(16));
  await db().trace.createMany({
    data: traceIds.map((traceId, index) => {
      const start = new Date(now.getTime() - (options.daysAgo ?? 1) * DAY_MS + index * 1000);
      return {
        traceId,
        agentId: agent.id,
        teamId: agent.teamId,
        rootSpanId: hexId(8),
        version,
        outcome: options.outcome?.(index) ?? "approved",
        status: index < (options.errors ?? 0) ? ("error" as const) : ("ok" as const),
        startTime: start,
        endTime: new Date(start.getTime() + options.latencyMs + (index % 10) * 10),
        spanCount: 3 + (index % 3),
        costUsd: options.cost * (1 + (index % 5) / 10),
        evalRunId: options.evalRunId ?? null,
      };
    }),
  });
  return traceIds;
}

async function decisions(agent: Agent, version: string, total: number, denies: number) {
  await db().guardDecision.createMany({
    data: Array.from({ length: total }, (_, index) => ({
      agentId: agent.id,
      teamId: agent.teamId,
      sessionId: `${version}-${unique()}`,
      check: "action",
      verdict: index < denies ? ("deny" as const) : ("allow" as const),
      version,
      latencyMs: 1,
      createdAt: new Date(now.getTime() - DAY_MS),
    })),
  });
}

async function onlineScores(agent: Agent, name: string, version: string, traceIds: string[], passed: number) {
  const evaluator = await db().onlineEvaluator.upsert({
    where: { agentId_name: { agentId: agent.id, name } },
    create: { agentId: agent.id, teamId: agent.teamId, name, evaluator: { type: "output_contains", value: "thanks" }, sampleRate: 1, createdBy: "test" },
    update: {},
  });
  await db().onlineScore.createMany({
    data: traceIds.map((traceId, index) => ({ evaluatorId: evaluator.id, traceId, agentId: agent.id, version, passed: index < passed, score: index < passed ? 1 : 0, reason: "test", traceAt: new Date(now.getTime() - DAY_MS) })),
  });
}

// A gating suite of four claims; each version's run reports the outcomes given (null: no result).
async function gatingRuns(agent: Agent, outcomes: Record<string, (string | null)[]>) {
  const dataset = await createDataset(developer, { agent: agent.slug, name: `claims-${unique()}` });
  const expected = ["approved", "rejected", "approved", "approved"];
  const items = [];
  for (const [index, outcome] of expected.entries()) items.push(await addDatasetItem(developer, dataset.id, { input: `Claim ${index + 1}`, expected: { outcome } }));
  const suite = await createSuite(developer, agent.slug, { dataset: dataset.id, name: "gate", evaluators: [{ type: "outcome_match" }], threshold: { passRate: 0.5 }, gating: true });
  const runs: Record<string, { id: string; traceIds: string[] }> = {};
  for (const [version, reported] of Object.entries(outcomes)) {
    const run = await startRun(developer, { suite: suite.id, version });
    const traceIds = await tasks(agent, version, items.length, { cost: 0.5, latencyMs: 100, evalRunId: run.id, outcome: (index) => reported[index] ?? "approved" });
    for (const [index, outcome] of reported.entries()) {
      if (outcome !== null) await reportResult(developer, run.id, { itemId: items[index].id, outcome, traceId: traceIds[index] });
    }
    await completeRun(developer, run.id);
    runs[version] = { id: run.id, traceIds };
  }
  return { suite, items, runs };
}

describe("comparing two versions' runs", () => {
  it("gives live metrics b − a with intervals whose sign follows the data, leaving out evaluation traffic and old traces", async () => {
    const agent = await agentWithTwoVersions();
    const liveA = await tasks(agent, "v1", 60, { errors: 1, cost: 0.01, latencyMs: 1000, outcome: (index) => (index % 10 === 0 ? "escalated" : "approved") });
    await tasks(agent, "v2", 60, { errors: 15, cost: 0.03, latencyMs: 1000, outcome: (index) => (index % 2 === 0 ? "escalated" : "approved") });
    await tasks(agent, "v2", 30, { errors: 30, cost: 5, latencyMs: 1000, daysAgo: 10 });
    await decisions(agent, "v1", 100, 5);
    await decisions(agent, "v2", 100, 5);
    await onlineScores(agent, "polite", "v1", liveA.slice(0, 40), 36);
    const { runs } = await gatingRuns(agent, { v1: ["approved", "rejected", "approved", "approved"], v2: ["approved", "approved", null, "approved"] });

    const result = await compareVersionRuns(viewer, agent.slug, { a: "v1", b: "v2" }, now);
    expect(result.a).toEqual({ label: "v1" });
    expect(result.period.to).toEqual(now);
    expect(now.getTime() - result.period.from.getTime()).toBe(7 * DAY_MS);
    const metric = (name: string) => result.metrics.find((entry) => entry.name === name)!;

    // 1/60 vs 15/60 errors: clearly worse, the interval wholly above 0. The evaluation runs' traces and
    // the ten-day-old ones are not counted.
    expect(metric("error_rate")).toMatchObject({ a: 1 / 60, b: 15 / 60, n: { a: 60, b: 60 } });
    expect(metric("error_rate").low!).toBeGreaterThan(0);
    expect(metric("outcome_rate:escalated")).toMatchObject({ a: 6 / 60, b: 30 / 60 });
    expect(metric("outcome_rate:escalated").low!).toBeGreaterThan(0);
    expect(metric("outcome_rate:approved").high!).toBeLessThan(0);
    // Costs tripled: the mean difference is positive and so is its interval.
    expect(metric("cost_per_task").difference!).toBeCloseTo(0.02 * 1.2, 6);
    expect(metric("cost_per_task").low!).toBeGreaterThan(0);
    // Same latency and the same deny rate: the intervals straddle 0.
    expect(metric("latency_per_task").low!).toBeLessThan(0);
    expect(metric("latency_per_task").high!).toBeGreaterThan(0);
    expect(metric("guard_deny_rate")).toMatchObject({ a: 0.05, b: 0.05, difference: 0 });
    expect(metric("guard_deny_rate").low!).toBeLessThan(0);
    expect(metric("steps_per_task")).toMatchObject({ a: 4, b: 4 });
    expect(metric("online:polite")).toMatchObject({ a: 0.9, b: null, n: { a: 40, b: 0 } });

    // v1 passed every item, v2 got the second wrong and reported nothing for the third.
    expect(result.evals.suite).toMatchObject({ name: "gate", gating: true });
    expect(result.evals.a).toMatchObject({ runId: runs.v1.id, passRate: 1, status: "passed", items: 4 });
    expect(result.evals.b).toMatchObject({ runId: runs.v2.id, passRate: 0.5, status: "passed", items: 4 });
    expect(result.evals.evaluators).toEqual([expect.objectContaining({ name: "outcome_match", a: 1, b: 0.5, difference: -0.5 })]);
    expect(result.evals.overall!.difference).toBe(-0.5);
    expect(result.evals.overall!.low!).toBeLessThan(result.evals.overall!.high!);
    expect(result.evals.regressedCount).toBe(2);
    expect(result.evals.regressed).toEqual([
      {
        itemId: expect.any(String),
        input: "Claim 2",
        a: { traceId: runs.v1.traceIds[1] },
        b: { traceId: runs.v2.traceIds[1], reasons: [{ type: "outcome_match", reason: expect.stringMatching(/rejected/) }] },
      },
      { itemId: expect.any(String), input: "Claim 3", a: { traceId: runs.v1.traceIds[2] }, b: { traceId: null, reasons: [{ type: "result", reason: expect.any(String) }] } },
    ]);

    // Reversed, nothing regressed (v2 passed nothing v1 failed) and the signs turn.
    const reversed = await compareVersionRuns(viewer, agent.slug, { a: "v2", b: "v1" }, now);
    expect(reversed.evals.regressed).toEqual([]);
    expect(reversed.metrics.find((entry) => entry.name === "error_rate")!.high!).toBeLessThan(0);
  });

  it("takes a period and says when a version has no completed run or the agent no gating suite", async () => {
    const agent = await agentWithTwoVersions();
    const none = await compareVersionRuns(viewer, agent.slug, { a: "v1", b: "v2" }, now);
    expect(none.evals).toMatchObject({ suite: null, a: { runId: null }, b: { runId: null }, evaluators: [], regressed: [] });
    expect(none.metrics.find((entry) => entry.name === "error_rate")).toMatchObject({ a: null, b: null, difference: null });

    await tasks(agent, "v2", 5, { errors: 5, cost: 1, latencyMs: 10, daysAgo: 10 });
    const { runs } = await gatingRuns(agent, { v1: ["approved", "rejected", "approved", "approved"] });
    const from = new Date(now.getTime() - 11 * DAY_MS).toISOString();
    const result = await compareVersionRuns(viewer, agent.slug, { a: "v1", b: "v2", from, to: new Date(now.getTime() - 9 * DAY_MS).toISOString() }, now);
    expect(result.metrics.find((entry) => entry.name === "error_rate")).toMatchObject({ a: null, b: 1 });
    expect(result.evals).toMatchObject({ a: { runId: runs.v1.id, passRate: 1 }, b: { runId: null, passRate: null }, evaluators: [], regressed: [] });
  });

  it("refuses another team, unknown versions and suites, and a backwards period", async () => {
    const agent = await agentWithTwoVersions();
    await expectAppError(compareVersionRuns(outsider, agent.slug, { a: "v1", b: "v2" }), "not_found");
    await expectAppError(compareVersionRuns(viewer, agent.slug, { a: "v1", b: "v9" }), "not_found");
    await expectAppError(compareVersionRuns(viewer, agent.slug, { a: "v1", b: "v2", suite: "nope" }), "not_found");
    await expectAppError(compareVersionRuns(viewer, agent.slug, { a: "v1", b: "v2", from: now.toISOString(), to: new Date(now.getTime() - DAY_MS).toISOString() }), "validation_failed");
  });
});
