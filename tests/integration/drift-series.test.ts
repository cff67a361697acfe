import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { createAdminKey } from "../../lib/keys/create-key";
import { bucketFloor, jensenShannonDistance, resampledThreshold } from "../../lib/drift/distribution-drift";
import { emptyBaseline, type Baseline } from "../../lib/drift/metrics";
import { driftSeriesResponseSchema } from "../../lib/drift/monitor-view";
import { getDriftSeries } from "../../lib/drift/series/get-drift-series";
import { GET as seriesGet } from "../../app/api/v1/agents/[slug]/drift/[metric]/route";
import { expectAppError, makeAgent, makeTeam, makeUser, type TestTeam } from "./helpers";
import { insertTrace } from "./trace-fixtures";
import type { UserPrincipal } from "../../lib/auth/principal";

// Drift charts read the tables directly: per 15-minute bucket over one day here (a day is 96 buckets).
const day = { from: "2026-11-01T00:00:00.000Z", to: "2026-11-02T00:00:00.000Z" };
const at = (time: string) => new Date(`2026-11-01T${time}Z`);
const changePoint = "2026-11-01T01:00:00.000Z";

const baseline: Baseline = {
  ...emptyBaseline(),
  n: 100,
  from: "2026-10-20T00:00:00.000Z",
  to: "2026-10-25T00:00:00.000Z",
  version: "v1",
  outcomes: { approved: 85, denied: 15 },
  errors: 5,
  tools: { lookup: 60, refund: 40 },
  costs: [0.01, 0.02, 0.03, 0.02],
  latencies: [1000, 2000, 3000],
  steps: [2, 3, 4],
  decisions: 20,
  denies: 2,
  holds: 4,
  injections: 1,
};

type Agent = Awaited<ReturnType<typeof makeAgent>>;
let team: TestTeam;
let agent: Agent;
let bare: Agent;
let viewer: UserPrincipal;

async function task(options: { start: Date; outcome?: string; error?: boolean; durationMs: number; tools?: string[]; cost?: number; completed?: boolean }) {
  const tools = options.tools ?? [];
  const { traceId } = await insertTrace({
    agent,
    start: options.start,
    outcome: options.outcome,
    status: options.error ? "error" : "ok",
    spans: [
      { kind: "agent", startMs: 0, durationMs: options.durationMs },
      { kind: "llm", startMs: 1, durationMs: 5, model: "gpt-5-mini", costUsd: options.cost ?? 0 },
      ...tools.map((toolName, index) => ({ kind: "tool" as const, startMs: 10 + index, durationMs: 5, toolName })),
    ],
  });
  if (options.completed !== false) await db().trace.update({ where: { traceId }, data: { completedAt: new Date(options.start.getTime() + options.durationMs) } });
}

async function decision(createdAt: Date, verdict: "allow" | "deny" | "hold", reasons: object[] = []) {
  await db().guardDecision.create({
    data: { agentId: agent.id, teamId: agent.teamId, sessionId: "s-1", check: "action", verdict, reasons, latencyMs: 1, createdAt },
  });
}

beforeAll(async () => {
  team = await makeTeam("drift");
  agent = await makeAgent(team);
  bare = await makeAgent(team);
  viewer = await makeUser("viewer", [team.id]);
  await db().driftState.create({
    data: {
      agentId: agent.id,
      teamId: team.id,
      status: "monitoring",
      baselineStartedAt: new Date("2026-10-20T00:00:00.000Z"),
      baseline: baseline as object,
      monitors: { "outcome_rate:approved": { kind: "rate", detection: { metric: "outcome_rate:approved", changePointAt: changePoint } }, error_rate: { kind: "rate" } },
    },
  });
  // 00:00–00:15: four tasks (3 approved, 1 denied with an error); 01:00–01:15: two approved.
  await task({ start: at("00:01:00"), outcome: "approved", durationMs: 1000, tools: ["lookup", "lookup"], cost: 0.01 });
  await task({ start: at("00:02:00"), outcome: "approved", durationMs: 2000, tools: ["lookup"], cost: 0.02 });
  await task({ start: at("00:03:00"), outcome: "approved", durationMs: 3000, tools: ["refund"], cost: 0.03 });
  await task({ start: at("00:14:59"), outcome: "denied", error: true, durationMs: 4000, cost: 0.06 });
  await task({ start: at("01:05:00"), outcome: "approved", durationMs: 500, tools: ["refund", "refund"], cost: 0.01 });
  await task({ start: at("01:10:00"), outcome: "approved", durationMs: 1500, tools: ["refund"], cost: 0.01 });
  // Not counted: still in progress (no completed_at), and outside the range.
  await task({ start: at("00:05:00"), outcome: "denied", durationMs: 1000, completed: false });
  await task({ start: new Date("2026-11-02T00:00:00.000Z"), outcome: "denied", durationMs: 1000 });

  await decision(at("00:01:00"), "deny");
  await decision(at("00:02:00"), "hold");
  await decision(at("00:03:00"), "allow", [{ code: "prompt_injection", message: "ignore previous instructions" }]);
  await decision(at("00:04:00"), "allow");
  await decision(at("02:00:00"), "deny");

  await db().agentVersion.createMany({
    data: [
      { agentId: agent.id, number: 1, label: "v1", prompt: "p", model: "m", createdByLabel: "t", knowledgeBase: { id: "kb", version: "1" } },
      { agentId: agent.id, number: 2, label: "v2", prompt: "p", model: "m", createdByLabel: "t", knowledgeBase: { id: "kb", version: "2" } },
    ],
  });
  await db().deploymentEvent.createMany({
    data: [
      { agentId: agent.id, at: at("00:30:00"), kind: "promoted", label: "v2", fromLabel: "v1", fromStage: "staging", toStage: "production", byLabel: "dev@test.local" },
      { agentId: agent.id, at: at("03:00:00"), kind: "rolled_back", label: "v1", fromLabel: "v2", toStage: "production", byLabel: "op@test.local", reason: "drift" },
      { agentId: agent.id, at: new Date("2026-10-01T00:00:00.000Z"), kind: "promoted", label: "v1", toStage: "production", byLabel: "dev@test.local" },
    ],
  });
  await db().modelChange.create({ data: { agentId: agent.id, at: at("05:00:00"), version: "v1", fromModel: "gpt-5-2026-08-01", toModel: "gpt-5-2026-10-15" } });
});

describe("getDriftSeries", () => {
  it("an outcome rate per 15-minute bucket over a day: completed tasks only, empty buckets null with n 0", async () => {
    const series = await getDriftSeries(viewer, agent.slug, "outcome_rate:approved", day);
    expect(series).toMatchObject({ metric: "outcome_rate:approved", unit: "fraction", bucketMs: 15 * 60_000 });
    expect(series.points).toHaveLength(96);
    expect(series.points[0]).toEqual({ at: at("00:00:00"), value: 0.75, n: 4 });
    expect(series.points[1]).toEqual({ at: at("00:15:00"), value: null, n: 0 });
    expect(series.points[4]).toEqual({ at: at("01:00:00"), value: 1, n: 2 });
    expect(series.points.reduce((sum, point) => sum + point.n, 0)).toBe(6);
  });

  it("the band is where a bucket of the median size (3 tasks) would fall around the baseline rate", async () => {
    const series = await getDriftSeries(viewer, agent.slug, "outcome_rate:approved", day);
    const half = 1.96 * Math.sqrt((0.85 * 0.15) / 3);
    expect(series.baseline.value).toBeCloseTo(0.85, 10);
    expect(series.baseline.low).toBeCloseTo(0.85 - half, 10);
    expect(series.baseline.high).toBe(1); // 0.85 + 0.40 clipped to 1
    expect(series.changePointAt).toEqual(new Date(changePoint));
  });

  it("error rate, cost, latency and steps per task", async () => {
    const value = async (metric: string, index: number) => (await getDriftSeries(viewer, agent.slug, metric, day)).points[index].value;
    expect(await value("error_rate", 0)).toBeCloseTo(0.25, 10);
    expect(await value("cost_per_task", 0)).toBeCloseTo(0.03, 10);
    expect(await value("latency_per_task", 0)).toBeCloseTo(2500, 6);
    expect(await value("latency_per_task", 4)).toBeCloseTo(1000, 6);
    // Root, model call and tool calls: 4, 3, 3, 2 spans.
    expect(await value("steps_per_task", 0)).toBeCloseTo(3, 10);

    const cost = await getDriftSeries(viewer, agent.slug, "cost_per_task", day);
    const mean = 0.02;
    const sd = Math.sqrt(((0.01 - mean) ** 2 + 0 + (0.03 - mean) ** 2 + 0) / 3);
    expect(cost.baseline.value).toBeCloseTo(mean, 10);
    expect(cost.baseline.high).toBeCloseTo(mean + (1.96 * sd) / Math.sqrt(3), 10);
    expect(cost.baseline.low).toBeCloseTo(Math.max(0, mean - (1.96 * sd) / Math.sqrt(3)), 10);
    expect(cost.changePointAt).toBeUndefined();
  });

  it("guard deny, hold and injection-flag rates come from the guard decisions, by their time", async () => {
    const deny = await getDriftSeries(viewer, agent.slug, "guard_deny_rate", day);
    expect(deny.points[0]).toMatchObject({ value: 0.25, n: 4 });
    expect(deny.points[8]).toMatchObject({ value: 1, n: 1 });
    expect(deny.baseline.value).toBeCloseTo(0.1, 10);
    expect((await getDriftSeries(viewer, agent.slug, "guard_hold_rate", day)).points[0]).toMatchObject({ value: 0.25, n: 4 });
    expect((await getDriftSeries(viewer, agent.slug, "injection_flag_rate", day)).points[0]).toMatchObject({ value: 0.25, n: 4 });
  });

  it("the tool mix is each bucket's Jensen–Shannon distance from the baseline's mix, with the resampled threshold as the band's top", async () => {
    const series = await getDriftSeries(viewer, agent.slug, "tool_mix", day);
    expect(series.unit).toBe("distance");
    expect(series.points[0].n).toBe(4);
    expect(series.points[0].value).toBeCloseTo(jensenShannonDistance(baseline.tools, { lookup: 3, refund: 1 }), 10);
    expect(series.points[4]).toMatchObject({ n: 3 });
    expect(series.points[4].value).toBeCloseTo(jensenShannonDistance(baseline.tools, { refund: 3 }), 10);
    expect(series.baseline).toEqual({ value: 0, low: 0, high: resampledThreshold(baseline.tools, bucketFloor(4)) });
  });

  it("annotations: the promotion (with its knowledge-base change), the rollback and the provider's model change, each with its diff", async () => {
    const series = await getDriftSeries(viewer, agent.slug, "outcome_rate:approved", day);
    expect(series.annotations.map((annotation) => [annotation.at.toISOString(), annotation.kind, annotation.diff ?? null])).toEqual([
      ["2026-11-01T00:30:00.000Z", "version", { base: "v1", head: "v2" }],
      ["2026-11-01T00:30:00.000Z", "knowledge_base", { base: "v1", head: "v2" }],
      ["2026-11-01T03:00:00.000Z", "rollback", { base: "v2", head: "v1" }],
      ["2026-11-01T05:00:00.000Z", "provider_model", null],
    ]);
    expect(series.annotations[3].detail).toContain("gpt-5-2026-08-01 → gpt-5-2026-10-15");
  });

  it("by default: the last 7 days, or since the baseline started when longer (here 12 days → 2-hour buckets)", async () => {
    const now = new Date("2026-11-01T00:00:00.000Z");
    const series = await getDriftSeries(viewer, agent.slug, "error_rate", {}, now);
    expect(series.from).toEqual(new Date("2026-10-20T00:00:00.000Z"));
    expect(series.to).toEqual(now);
    expect(series.bucketMs).toBe(2 * 3_600_000);
    expect(series.points).toHaveLength(144);
    const week = await getDriftSeries(viewer, bare.slug, "error_rate", {}, now);
    expect(week.from).toEqual(new Date("2026-10-25T00:00:00.000Z"));
    expect(week.bucketMs).toBe(3_600_000);
    expect(week.points).toHaveLength(168);
  });

  it("without a frozen baseline: points, but no baseline value or band, and no tool-mix distance", async () => {
    const series = await getDriftSeries(viewer, bare.slug, "outcome_rate:approved", day);
    expect(series.baseline).toEqual({ value: null, low: null, high: null });
    expect(series.points.every((point) => point.n === 0)).toBe(true);
    expect(series.annotations).toEqual([]);
  });

  it("another team's agent is not found; so is an unknown metric", async () => {
    const otherTeam = await makeTeam("drift-other");
    const outsider = await makeUser("viewer", [otherTeam.id]);
    await expectAppError(getDriftSeries(outsider, agent.slug, "error_rate", day), "not_found");
    const unknown = await expectAppError(getDriftSeries(viewer, agent.slug, "approval_vibes", day), "not_found");
    expect(unknown.message).toContain('Unknown drift metric "approval_vibes"');
    await expectAppError(getDriftSeries(viewer, agent.slug, "error_rate", { from: day.to, to: day.from }), "bad_request");
  });
});

describe("GET /api/v1/agents/{slug}/drift/{metric}", () => {
  let key: string;
  beforeAll(async () => {
    const admin = await makeUser("admin", []);
    ({ key } = await createAdminKey(admin, { name: "drift-series" }));
  });

  const get = async (metric: string, query = "") => {
    const request = new NextRequest(`http://localhost/api/v1/agents/${agent.slug}/drift/${metric}${query}`, { headers: { Authorization: `Bearer ${key}` } });
    return seriesGet(request, { params: Promise.resolve({ slug: agent.slug, metric }) });
  };

  it("takes the metric URL-encoded (outcome_rate%3Aapproved) and answers in the declared shape", async () => {
    const response = await get(encodeURIComponent("outcome_rate:approved"), `?from=${day.from}&to=${day.to}`);
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(driftSeriesResponseSchema.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({ metric: "outcome_rate:approved", changePointAt: changePoint });
    expect(body.points[0]).toEqual({ at: "2026-11-01T00:00:00.000Z", value: 0.75, n: 4 });
    expect(body.annotations[0]).toMatchObject({ kind: "version", diff: { base: "v1", head: "v2" } });
  });

  it("404 for an unknown metric", async () => {
    const response = await get("nonsense");
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toContain("Unknown drift metric");
  });
});
