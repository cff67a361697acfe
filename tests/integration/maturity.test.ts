import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import type { AgentPrincipal, UserPrincipal } from "../../lib/auth/principal";
import { savePolicy } from "../../lib/policies/save-policy";
import { createVersion } from "../../lib/versions/create-version";
import { promoteVersion } from "../../lib/versions/promote-version";
import { decidePromotion } from "../../lib/versions/decide-promotion";
import { createDataset } from "../../lib/evals/datasets/create-dataset";
import { addDatasetItem } from "../../lib/evals/datasets/add-dataset-item";
import { createSuite } from "../../lib/evals/suites/create-suite";
import { startRun } from "../../lib/evals/runs/start-run";
import { reportResult } from "../../lib/evals/runs/report-result";
import { completeRun } from "../../lib/evals/runs/complete-run";
import { ensureDriftStates } from "../../lib/drift/monitor/ensure-drift-states";
import { createWebhook } from "../../lib/webhooks/manage-webhooks";
import { openIncident } from "../../lib/incidents/open-incident";
import { resolveIncident } from "../../lib/incidents/resolve-incident";
import { getAgentMaturity, getFleetMaturity } from "../../lib/maturity/get-maturity";
import { expectAppError, makeAgent, makeTeam, makeUser, unique, type TestTeam } from "./helpers";
import { rawJsonRequest, send } from "./otlp-builders";

// An agent built up step by step, through the same lib functions people and agents use, climbs the
// maturity ladder 0 → 4; each step checks that the level moves only when the whole level is in place.

let team: TestTeam;
let admin: UserPrincipal;
let developer: UserPrincipal;
let reviewer: UserPrincipal;
let viewer: UserPrincipal;
let operator: UserPrincipal;

beforeAll(async () => {
  team = await makeTeam("maturity");
  admin = await makeUser("admin", []);
  developer = await makeUser("developer", [team.id]);
  reviewer = await makeUser("reviewer", [team.id]);
  viewer = await makeUser("viewer", [team.id]);
  operator = await makeUser("operator", [team.id]);
});

const agentKey = (agent: { id: string; slug: string }): AgentPrincipal => ({ kind: "agent", agentId: agent.id, agentSlug: agent.slug, teamId: team.id, keyId: `test-${unique()}` });
const bundle = (message: string) => ({ prompt: "Review claims.", model: "gpt-4o-mini", params: {}, tools: [{ name: "claims.lookup" }], message });

async function sendTrace(agent: { id: string; slug: string }, attributes: Record<string, string> = {}) {
  const now = BigInt(Date.now()) * 1_000_000n;
  const spans = [{ traceId: randomBytes(16).toString("hex"), spanId: randomBytes(8).toString("hex"), name: "invoke_agent", start: now - 1_000_000_000n, end: now, attributes: { "controlroom.outcome": "approved", ...attributes } }];
  expect(await send(agentKey(agent), rawJsonRequest(spans), "application/json")).toMatchObject({ storedSpans: 1 });
}

// A passed run of the gating suite on this version (the gate canary and production need).
async function passGate(agent: { id: string; slug: string }, suiteId: string, itemId: string, label: string) {
  const run = await startRun(developer, { suite: suiteId, version: label });
  await reportResult(agentKey(agent), run.id, { itemId, outcome: "approved" });
  expect(await completeRun(developer, run.id)).toMatchObject({ status: "passed" });
}

async function approveProduction(agent: { slug: string }, label: string, from: "staging" | "canary") {
  const requested = await promoteVersion(developer, agent.slug, label, { stage: "production", reason: `${label} from ${from}` });
  if (requested.kind !== "requested") throw new Error(`Expected a production request, got ${requested.kind}`);
  await decidePromotion(reviewer, requested.promotion.id, { verdict: "approve" });
}

const levelOf = async (slug: string) => (await getAgentMaturity(viewer, slug)).level;
const criterionOf = async (slug: string, id: string) => (await getAgentMaturity(viewer, slug)).criteria.find((each) => each.id === id);

describe("maturity level", () => {
  it("climbs 0 → 4 as each level's criteria are put in place", async () => {
    const agent = await makeAgent(team);
    const maturity = await getAgentMaturity(viewer, agent.slug);
    expect(maturity.level).toBe(0);
    expect(maturity.criteria.map((each) => each.id)).toEqual([
      "registered", "traced", "policy", "budget", "human_gates", "staged_release", "gating_suite", "drift_monitoring", "alert_routing",
      "guarded_canary", "gated_deploys", "online_evaluators", "incident_reports",
    ]);

    // 1 — traced: evaluation traffic does not count, live traffic does.
    await sendTrace(agent, { "controlroom.eval.run_id": "not-live", "controlroom.eval.item_id": "item" });
    expect(await levelOf(agent.slug)).toBe(0);
    await sendTrace(agent);
    expect(await levelOf(agent.slug)).toBe(1);

    // 2 — governed: a policy alone is not enough; with a budget and a hold rule it is.
    await savePolicy(admin, agent.slug, "agent", { document: { scope: { agent: agent.slug }, tools: [{ tool: "claims.*" }] }, baseVersion: null });
    expect(await levelOf(agent.slug)).toBe(1);
    expect(await criterionOf(agent.slug, "human_gates")).toMatchObject({ met: false, detail: expect.stringMatching(/^No human gate/) });
    await savePolicy(admin, agent.slug, "agent", {
      document: {
        scope: { agent: agent.slug },
        tools: [{ tool: "claims.*" }],
        gates: [{ id: "large-claim", when: { tool: "claims.approve", conditions: [{ param: "amount", op: "gt", value: 5000 }] } }],
        budgets: [{ window: "day", usd: 50 }],
      },
      baseVersion: 1,
    });
    expect(await levelOf(agent.slug)).toBe(2);

    // 3 — production-grade: a gating suite, v1 through staging to production, drift monitoring, a webhook.
    const dataset = await createDataset(developer, { agent: agent.slug, name: `claims-${unique()}` });
    const item = await addDatasetItem(developer, dataset.id, { input: "Hail damage to roof", expected: { outcome: "approved" } });
    const suite = await createSuite(developer, agent.slug, { dataset: dataset.id, name: "regression", evaluators: [{ type: "outcome_match" }], threshold: { passRate: 1 }, gating: true });
    await createVersion(developer, agent.slug, bundle("v1"));
    await promoteVersion(developer, agent.slug, "v1", { stage: "staging" });
    await passGate(agent, suite.id, item.id, "v1");
    await approveProduction(agent, "v1", "staging");
    expect(await criterionOf(agent.slug, "staged_release")).toMatchObject({ met: true, detail: "v1 reached production through staging" });
    // The first production deploy starts the baseline; it is complete once its tasks are in (set here).
    await ensureDriftStates(agent.id);
    expect(await criterionOf(agent.slug, "drift_monitoring")).toMatchObject({ met: false, detail: expect.stringMatching(/still collecting/) });
    await db().driftState.update({ where: { agentId: agent.id }, data: { status: "monitoring" } });
    expect(await levelOf(agent.slug)).toBe(2);
    await createWebhook(admin, { team: team.id, url: "https://hooks.example.test/maturity", events: ["alert.raised"] });
    expect(await levelOf(agent.slug)).toBe(3);

    // 4 — run like infrastructure: v2 as a guarded canary then gated production, an online evaluator, no stale incident.
    await createVersion(developer, agent.slug, bundle("v2"));
    await promoteVersion(developer, agent.slug, "v2", { stage: "staging" });
    await passGate(agent, suite.id, item.id, "v2");
    await promoteVersion(developer, agent.slug, "v2", { stage: "canary", canaryPercent: 10 });
    await approveProduction(agent, "v2", "canary");
    expect(await criterionOf(agent.slug, "gated_deploys")).toMatchObject({ met: true, detail: "All 2 production deploys of the last 30 days passed the gate" });
    expect(await levelOf(agent.slug)).toBe(3);
    await db().onlineEvaluator.create({
      data: { agentId: agent.id, teamId: team.id, name: "no-denies", evaluator: { type: "no_guard_deny" }, sampleRate: 0.1, createdBy: "integration-test" },
    });
    expect(await levelOf(agent.slug)).toBe(4);

    // An incident left open past a week pulls it back to 3 until it is resolved with its report.
    const incident = await openIncident(operator, { agent: agent.slug, title: "Approvals up", severity: "warning" });
    expect(await levelOf(agent.slug)).toBe(4);
    await db().incident.update({ where: { id: incident.id }, data: { openedAt: new Date(Date.now() - 8 * 86_400_000) } });
    expect(await criterionOf(agent.slug, "incident_reports")).toMatchObject({ met: false, detail: "1 incident open for more than 7 days: resolve with a summary" });
    expect(await levelOf(agent.slug)).toBe(3);
    await resolveIncident(operator, incident.id, { summary: "A prompt change approved too eagerly; rolled forward with a fix." });
    expect(await criterionOf(agent.slug, "incident_reports")).toMatchObject({ met: true, detail: "1 incident closed with a report; none left open" });
    expect(await levelOf(agent.slug)).toBe(4);

    const fleet = await getFleetMaturity(viewer);
    expect(fleet.agents.find((each) => each.slug === agent.slug)).toMatchObject({ level: 4, nextStep: null, team: team.name });
  });

  it("marks an admin's ungated production deploy of the last 30 days", async () => {
    const agent = await makeAgent(team);
    await createVersion(developer, agent.slug, bundle("v1"));
    await promoteVersion(admin, agent.slug, "v1", { stage: "production", reason: "hotfix without a suite" });
    expect(await criterionOf(agent.slug, "gated_deploys")).toMatchObject({ met: false, detail: "Ungated production deploys in the last 30 days: v1" });
    // Straight to production skipped staging.
    expect(await criterionOf(agent.slug, "staged_release")).toMatchObject({ met: false });
  });

  it("counts a department budget and reads the fleet of the principal's teams only", async () => {
    const other = await makeTeam("maturity-other");
    const outsider = await makeUser("viewer", [other.id]);
    const agent = await makeAgent(team);
    const hidden = await makeAgent(other);
    await db().team.update({ where: { id: team.id }, data: { budgets: [{ window: "month", usd: 1000 }] } });
    try {
      expect(await criterionOf(agent.slug, "budget")).toMatchObject({ met: true, detail: "Covered by 1 department budget of its team" });
    } finally {
      await db().team.update({ where: { id: team.id }, data: { budgets: [] } });
    }
    await expectAppError(getAgentMaturity(outsider, agent.slug), "not_found");
    const fleet = await getFleetMaturity(outsider);
    expect(fleet.agents.map((each) => each.slug)).toEqual([hidden.slug]);
    expect(fleet).toMatchObject({ median: 0, lowest: 0 });
    expect(fleet.agents[0].nextStep).toMatch(/^No live traces yet/);
    expect(fleet.distribution.find((each) => each.level === 0)?.agents).toBe(1);
  });
});
