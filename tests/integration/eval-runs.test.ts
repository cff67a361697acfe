import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import type { AgentPrincipal, UserPrincipal } from "../../lib/auth/principal";
import { createDataset } from "../../lib/evals/datasets/create-dataset";
import { addDatasetItem } from "../../lib/evals/datasets/add-dataset-item";
import { createSuite } from "../../lib/evals/suites/create-suite";
import { updateSuite } from "../../lib/evals/suites/update-suite";
import { listSuites } from "../../lib/evals/suites/list-suites";
import { startRun } from "../../lib/evals/runs/start-run";
import { reportResult } from "../../lib/evals/runs/report-result";
import { completeRun } from "../../lib/evals/runs/complete-run";
import { getRun, listRuns } from "../../lib/evals/runs/list-runs";
import { createVersion } from "../../lib/versions/create-version";
import { promoteVersion } from "../../lib/versions/promote-version";
import { getCostSummary } from "../../lib/costs/cost-summary";
import { expectAppError, makeAgent, makeTeam, makeUser, unique, type TestTeam } from "./helpers";
import { rawJsonRequest, send, type RawSpan } from "./otlp-builders";

// A run from start to score: items reported over the results call and over OTLP (root-span attributes
// controlroom.eval.run_id / item_id), scored with the suite's evaluators; the gate that needs a passed
// run of the gating suite on the exact version; evaluation traffic kept out of spend.

let team: TestTeam;
let developer: UserPrincipal;
let admin: UserPrincipal;
let viewer: UserPrincipal;

beforeAll(async () => {
  team = await makeTeam("eval-runs");
  developer = await makeUser("developer", [team.id]);
  admin = await makeUser("admin", []);
  viewer = await makeUser("viewer", [team.id]);
});

const bundle = (message: string) => ({ prompt: "Review claims.", model: "gpt-4o-mini", params: {}, tools: [{ name: "claims.lookup" }], message });
const agentKey = (agent: { id: string; slug: string }): AgentPrincipal => ({ kind: "agent", agentId: agent.id, agentSlug: agent.slug, teamId: team.id, keyId: `test-${unique()}` });
const hex = (bytes: number) => randomBytes(bytes).toString("hex");

// An agent with v1 in production and v2 in staging, a dataset of three claims and a gating suite.
async function evaluatedAgent() {
  const agent = await makeAgent(team);
  await createVersion(developer, agent.slug, bundle("v1"));
  await promoteVersion(admin, agent.slug, "v1", { stage: "production", reason: "first deploy" });
  await createVersion(developer, agent.slug, bundle("v2"));
  await promoteVersion(developer, agent.slug, "v2", { stage: "staging" });
  const dataset = await createDataset(developer, { agent: agent.slug, name: `claims-${unique()}` });
  const items = [];
  for (const [input, outcome] of [["Hail damage to roof", "approved"], ["Wear and tear on tyres", "rejected"], ["Flooded basement", "approved"]]) {
    items.push(await addDatasetItem(developer, dataset.id, { input, expected: { outcome, tools: [{ name: "claims.lookup" }] } }));
  }
  const suite = await createSuite(developer, agent.slug, {
    dataset: dataset.id,
    name: "regression",
    evaluators: [{ type: "outcome_match" }, { type: "tool_called" }],
    threshold: { passRate: 0.6 },
    gating: true,
  });
  return { agent, dataset, items, suite };
}

// One item's run as the harness would send it: a root span carrying the run and item ids, a tool call
// and a model call that used tokens.
async function sendItemTrace(agent: { id: string; slug: string }, runId: string, itemId: string, outcome: string) {
  const traceId = hex(16);
  const rootId = hex(8);
  const now = BigInt(Date.now()) * 1_000_000n;
  const spans: RawSpan[] = [
    { traceId, spanId: rootId, name: "invoke_agent", start: now - 3_000_000_000n, end: now, attributes: { "controlroom.outcome": outcome, "controlroom.eval.run_id": runId, "controlroom.eval.item_id": itemId, "controlroom.version": "v2" } },
    { traceId, spanId: hex(8), parentSpanId: rootId, name: "execute_tool claims.lookup", start: now - 2_000_000_000n, end: now - 1_500_000_000n, attributes: { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "claims.lookup" } },
    { traceId, spanId: hex(8), parentSpanId: rootId, name: "chat", start: now - 1_400_000_000n, end: now - 100_000_000n, attributes: { "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4o-mini", "gen_ai.usage.input_tokens": 900, "gen_ai.usage.output_tokens": 100 } },
  ];
  const result = await send(agentKey(agent), rawJsonRequest(spans), "application/json");
  expect(result).toMatchObject({ storedSpans: 3, rejectedSpans: 0 });
  return traceId;
}

describe("evaluation runs", () => {
  it("scores items reported over OTLP and the results call; an item without a result fails", async () => {
    const { agent, items, suite } = await evaluatedAgent();
    const started = await startRun(developer, { suite: suite.id, version: "v2" });
    expect(started).toMatchObject({ status: "running", version: "v2", gating: true, counts: { items: 3, reported: 0 } });
    expect(started.items.map((item) => item.input)).toEqual(items.map((item) => item.input));

    const traceId = await sendItemTrace(agent, started.id, items[0].id, "approved");
    await reportResult(agentKey(agent), started.id, { itemId: items[1].id, outcome: "approved" });
    expect((await getRun(viewer, started.id)).counts).toEqual({ items: 3, reported: 2, passed: null });

    const run = await completeRun(developer, started.id);
    expect(run).toMatchObject({ status: "failed", passRate: 1 / 3, scores: { outcome_match: 1 / 3, tool_called: 1 / 3 }, counts: { items: 3, reported: 2, passed: 1 } });
    const detail = await getRun(viewer, started.id);
    expect(detail.items[0]).toMatchObject({ passed: true, traceId, outcome: "approved" });
    expect(detail.items[1]).toMatchObject({ passed: false, outcome: "approved" });
    expect(detail.items[1].scores?.find((score) => score.type === "outcome_match")?.reason).toMatch(/rejected/);
    expect(detail.items[2]).toMatchObject({ passed: false, scores: null });

    // Completing again answers the same result; a completed run takes no more results.
    expect(await completeRun(agentKey(agent), started.id)).toMatchObject({ status: "failed", passRate: 1 / 3 });
    await expectAppError(reportResult(agentKey(agent), started.id, { itemId: items[2].id, outcome: "approved" }), "conflict");

    // A failed run of the gate is a critical evaluation alert naming the version and the suite.
    const alert = await db().alert.findFirstOrThrow({ where: { agentId: agent.id, kind: "evaluation" } });
    expect(alert).toMatchObject({ severity: "critical", status: "open" });
    expect(alert.title).toContain('v2 failed suite "regression"');
    expect(await listRuns(viewer, { agent: agent.slug })).toEqual([expect.objectContaining({ id: started.id, status: "failed" })]);
  });

  it("keeps evaluation traffic out of spend and budgets", async () => {
    const { agent, items, suite } = await evaluatedAgent();
    const started = await startRun(developer, { suite: suite.id, version: "v2" });
    const traceId = await sendItemTrace(agent, started.id, items[0].id, "approved");
    const trace = await db().trace.findUniqueOrThrow({ where: { traceId } });
    expect(trace).toMatchObject({ evalRunId: started.id, evalItemId: items[0].id });
    expect(Number(trace.inputTokens)).toBe(900);
    expect(await db().traceSpend.findFirst({ where: { traceId } })).toBeNull();
    const summary = await getCostSummary(admin, { agent: agent.slug });
    expect(summary.totals).toMatchObject({ tasks: 0, inputTokens: 0 });
  });

  it("refuses another agent's key, bad input and unknown items clearly", async () => {
    const { agent, items, suite } = await evaluatedAgent();
    const other = await makeAgent(team);
    const started = await startRun(developer, { suite: suite.id, version: "v2" });
    await expectAppError(reportResult(agentKey(other), started.id, { itemId: items[0].id, outcome: "approved" }), "not_found");
    await expectAppError(reportResult(agentKey(agent), started.id, { itemId: hex(4), outcome: "x" }), "not_found");
    await expect(reportResult(agentKey(agent), started.id, { itemId: items[0].id })).rejects.toThrow(/at least one/);
    await expectAppError(startRun(developer, { suite: suite.id, version: "v9" }), "not_found");
    await expectAppError(startRun(viewer, { suite: suite.id, version: "v2" }), "forbidden");
    await expectAppError(createSuite(developer, other.slug, { dataset: suite.dataset.id, name: "x", evaluators: [{ type: "outcome_match" }], threshold: { passRate: 1 } }), "validation_failed");
  });
});

describe("the evaluation gate", () => {
  it("holds canary until the gating suite passed on that exact version; an admin may deploy ungated", async () => {
    const { agent, items, suite } = await evaluatedAgent();
    const missing = await expectAppError(promoteVersion(developer, agent.slug, "v2", { stage: "canary", canaryPercent: 10 }), "evaluation_required");
    expect(missing.message).toMatch(/no completed run of the gating suite "regression"/);
    expect(missing.details).toMatchObject({ link: `/agents/${agent.slug}/evaluations`, run: null });

    const failed = await startRun(developer, { suite: suite.id, version: "v2" });
    await completeRun(developer, failed.id);
    const refused = await expectAppError(promoteVersion(developer, agent.slug, "v2", { stage: "canary", canaryPercent: 10 }), "evaluation_required");
    expect(refused.details).toMatchObject({ run: { id: failed.id, status: "failed" }, link: `/agents/${agent.slug}/evaluations/runs/${failed.id}` });

    const passed = await startRun(developer, { suite: suite.id, version: "v2" });
    for (const [index, item] of items.entries()) await sendItemTrace(agent, passed.id, item.id, index === 1 ? "rejected" : "approved");
    expect(await completeRun(developer, passed.id)).toMatchObject({ status: "passed", passRate: 1 });
    const moved = await promoteVersion(developer, agent.slug, "v2", { stage: "canary", canaryPercent: 10 });
    expect(moved).toMatchObject({ kind: "moved" });
    expect((await db().agentVersion.findUniqueOrThrow({ where: { agentId_label: { agentId: agent.id, label: "v2" } } })).ungated).toBe(false);

    // A passed run of v2 does not vouch for v3.
    await createVersion(developer, agent.slug, bundle("v3"));
    await promoteVersion(developer, agent.slug, "v3", { stage: "staging" });
    await expectAppError(promoteVersion(developer, agent.slug, "v3", { stage: "production" }), "evaluation_required");
    // An admin may override the gate with a reason: the deploy is marked ungated.
    await promoteVersion(admin, agent.slug, "v3", { stage: "production", reason: "hotfix, suite being fixed" });
    expect((await db().agentVersion.findUniqueOrThrow({ where: { agentId_label: { agentId: agent.id, label: "v3" } } })).ungated).toBe(true);
    await updateSuite(developer, suite.id, { gating: false });
    expect((await listSuites(viewer, agent.slug))[0].gating).toBe(false);
  });

  it("keeps one gate per agent", async () => {
    const { agent, dataset, suite } = await evaluatedAgent();
    const second = await createSuite(developer, agent.slug, { dataset: dataset.id, name: "smoke", evaluators: [{ type: "outcome_match" }], threshold: { passRate: 1 }, gating: true });
    const suites = await listSuites(viewer, agent.slug);
    expect(suites.filter((listed) => listed.gating).map((listed) => listed.id)).toEqual([second.id]);
    expect(suites.find((listed) => listed.id === suite.id)?.gating).toBe(false);
  });
});
