import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import type { UserPrincipal } from "../../lib/auth/principal";
import { createVersion } from "../../lib/versions/create-version";
import { promoteVersion } from "../../lib/versions/promote-version";
import { guardCanaries } from "../../lib/versions/guard-canaries";
import { getCanaryComparison } from "../../lib/versions/canary-analysis";
import { updateCanarySettings } from "../../lib/versions/canary-settings-store";
import { listDeployments } from "../../lib/versions/list-versions";
import { listAlerts } from "../../lib/alerts/list-alerts";
import { auditOf, expectAppError, makeAgent, makeTeam, makeUser, unique, type TestTeam } from "./helpers";
import { hexId } from "./trace-fixtures";

let team: TestTeam;
let developer: UserPrincipal;
let viewer: UserPrincipal;
let admin: UserPrincipal;

beforeAll(async () => {
  team = await makeTeam("canary");
  developer = await makeUser("developer", [team.id]);
  viewer = await makeUser("viewer", [team.id]);
  admin = await makeUser("admin", []);
});

async function agentWithCanary() {
  const agent = await makeAgent(team);
  await createVersion(developer, agent.slug, { prompt: "p1", model: "m", message: "v1" });
  await promoteVersion(admin, agent.slug, "v1", { stage: "production", reason: "first" });
  await createVersion(developer, agent.slug, { prompt: "p2", model: "m", message: "v2" });
  await promoteVersion(admin, agent.slug, "v2", { stage: "canary", canaryPercent: 10, reason: "try" });
  return agent;
}

// Guard decisions of one version since the canary started: `denies` of `total` denied.
async function decisions(agent: { id: string; teamId: string }, version: string, total: number, denies: number) {
  await db().guardDecision.createMany({
    data: Array.from({ length: total }, (_, index) => ({
      agentId: agent.id,
      teamId: agent.teamId,
      sessionId: `${version}-${unique()}`,
      check: "action",
      verdict: index < denies ? ("deny" as const) : ("allow" as const),
      version,
      latencyMs: 1,
    })),
  });
}

// Finished tasks of one version, each costing `cost` (plus a little spread) and lasting `latencyMs`.
async function tasks(agent: { id: string; teamId: string }, version: string, count: number, cost: number, latencyMs: number, outcome = "approved") {
  const now = Date.now();
  await db().trace.createMany({
    data: Array.from({ length: count }, (_, index) => {
      const start = new Date(now + index);
      return {
        traceId: hexId(16),
        agentId: agent.id,
        teamId: agent.teamId,
        rootSpanId: hexId(8),
        version,
        outcome,
        status: "ok" as const,
        startTime: start,
        endTime: new Date(start.getTime() + latencyMs + (index % 7)),
        spanCount: 4,
        costUsd: cost * (1 + (index % 5) / 100),
      };
    }),
  });
}

describe("the guarded canary", () => {
  it("ends a canary whose deny rate is clearly worse: back to staging, a timeline entry, an audit entry and an alert", async () => {
    const agent = await agentWithCanary();
    await decisions(agent, "v1", 2000, 100);
    await decisions(agent, "v2", 400, 80);
    await tasks(agent, "v1", 150, 0.02, 1000);
    await tasks(agent, "v2", 150, 0.02, 1000);

    const comparison = await getCanaryComparison(viewer, agent.slug);
    expect(comparison.verdict).toBe("worse");
    expect(comparison.metrics.find((metric) => metric.metric === "guard_deny_rate")).toMatchObject({ verdict: "worse", n: { canary: 400, production: 2000 } });

    const result = await guardCanaries();
    expect(result.ended).toContain("v2");
    const versions = await db().agentVersion.findMany({ where: { agentId: agent.id }, orderBy: { number: "asc" } });
    expect(versions.map((version) => [version.label, version.stage, version.trafficPercent])).toEqual([
      ["v1", "production", 100],
      ["v2", "staging", 0],
    ]);
    const [ended] = await listDeployments(viewer, agent.slug);
    expect(ended).toMatchObject({ kind: "canary_ended", label: "v2", toStage: "staging", by: "Control Room (guarded canary)" });
    expect(ended.reason).toMatch(/guard_deny_rate 20\.0% vs 5\.0%/);
    expect(ended.details).toMatchObject({ automatic: true, metrics: [expect.objectContaining({ metric: "guard_deny_rate" })] });
    const audit = await auditOf(versions[1].id);
    expect(audit.at(-1)).toMatchObject({ action: "version.canary_ended", actorLabel: "Control Room (guarded canary)" });
    const alerts = await listAlerts(viewer, { agent: agent.slug });
    expect(alerts).toEqual([expect.objectContaining({ kind: "canary", status: "open", title: "Canary v2 ended: worse than production" })]);

    // Judged again: nothing left to end, no second alert.
    expect((await guardCanaries()).ended).not.toContain("v2");
    expect(await listAlerts(viewer, { agent: agent.slug })).toHaveLength(1);
  });

  it("leaves an equal canary alone, and waits for the minimum sample on both sides", async () => {
    const equal = await agentWithCanary();
    await decisions(equal, "v1", 2000, 100);
    await decisions(equal, "v2", 400, 20);
    await tasks(equal, "v1", 300, 0.02, 1000);
    await tasks(equal, "v2", 120, 0.02, 1000);
    const small = await agentWithCanary();
    await decisions(small, "v1", 2000, 100);
    await decisions(small, "v2", 60, 40);

    const result = await guardCanaries();
    expect(result.ended).toEqual([]);
    expect((await getCanaryComparison(viewer, equal.slug)).verdict).toBe("pass");
    const waiting = await getCanaryComparison(viewer, small.slug);
    expect(waiting.verdict).toBe("collecting");
    expect(waiting.metrics.find((metric) => metric.metric === "guard_deny_rate")?.explanation).toMatch(/still collecting/);
    for (const agent of [equal, small]) expect((await db().agentVersion.findFirstOrThrow({ where: { agentId: agent.id, label: "v2" } })).stage).toBe("canary");
  });

  it("ends a canary that costs clearly more per task (rank test), unless its agent turned the guard off", async () => {
    const costly = await agentWithCanary();
    await tasks(costly, "v1", 400, 0.02, 1000);
    await tasks(costly, "v2", 200, 0.04, 1000);
    const off = await agentWithCanary();
    await tasks(off, "v1", 400, 0.02, 1000);
    await tasks(off, "v2", 200, 0.04, 1000);
    await expectAppError(updateCanarySettings(viewer, off.slug, { enabled: false }), "forbidden");
    await updateCanarySettings(developer, off.slug, { enabled: false });

    const result = await guardCanaries();
    expect(result.ended).toEqual(["v2"]);
    const [ended] = await listDeployments(viewer, costly.slug);
    expect(ended.reason).toMatch(/cost_per_task/);
    expect((await db().agentVersion.findFirstOrThrow({ where: { agentId: off.id, label: "v2" } })).stage).toBe("canary");
    expect((await getCanaryComparison(viewer, off.slug)).verdict).toBe("worse");
  });

  it("shows outcome rates and steps for a person to weigh, never judged", async () => {
    const agent = await agentWithCanary();
    await tasks(agent, "v1", 200, 0.02, 1000, "approved");
    await tasks(agent, "v1", 40, 0.02, 1000, "rejected");
    await tasks(agent, "v2", 100, 0.02, 1000, "approved");
    const comparison = await getCanaryComparison(viewer, agent.slug);
    const approved = comparison.metrics.find((metric) => metric.metric === "outcome_rate:approved")!;
    expect(approved).toMatchObject({ guarded: false, verdict: "shown", canaryValue: 1, interval: "95% (one look)" });
    expect(approved.productionValue).toBeCloseTo(200 / 240, 5);
    expect(comparison.metrics.find((metric) => metric.metric === "steps_per_task")).toMatchObject({ canaryValue: 4, productionValue: 4, difference: 0 });
  });
});
