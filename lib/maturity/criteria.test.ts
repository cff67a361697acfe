import { describe, expect, it } from "vitest";
import { assessMaturity, nextSteps } from "./criteria";
import type { MaturityFacts } from "./facts";
import { summarizeFleet } from "./fleet-summary";

const now = new Date("2026-12-06T12:00:00Z");
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

const registered: MaturityFacts = {
  lastLiveTraceAt: null,
  policies: 0,
  holdRules: 0,
  agentBudgets: 0,
  teamBudgets: 0,
  stagedProductionLabel: null,
  gatingSuiteName: null,
  driftStatus: null,
  alertWebhooks: 0,
  canaries: 0,
  productionDeploys30d: 0,
  ungatedDeployLabels30d: [],
  onlineEvaluators: 0,
  resolvedIncidents: 0,
  staleOpenIncidents: 0,
};
const traced: MaturityFacts = { ...registered, lastLiveTraceAt: hoursAgo(2) };
const governed: MaturityFacts = { ...traced, policies: 1, holdRules: 1, agentBudgets: 1 };
const productionGrade: MaturityFacts = { ...governed, stagedProductionLabel: "v2", gatingSuiteName: "regression", driftStatus: "monitoring", alertWebhooks: 1 };
const infrastructure: MaturityFacts = { ...productionGrade, canaries: 1, productionDeploys30d: 2, onlineEvaluators: 1, resolvedIncidents: 1 };

const criterion = (facts: MaturityFacts, id: string) => assessMaturity(facts, now).criteria.find((each) => each.id === id)!;

describe("maturity level", () => {
  it("climbs 0 → 4 as each level's criteria are met", () => {
    expect([registered, traced, governed, productionGrade, infrastructure].map((facts) => assessMaturity(facts, now).level)).toEqual([0, 1, 2, 3, 4]);
  });

  it("needs every criterion of the level and of the levels below", () => {
    // Everything of level 4 in place, but no hold rule: stuck at 1.
    expect(assessMaturity({ ...infrastructure, holdRules: 0 }, now).level).toBe(1);
    // Without live traffic in the last 7 days nothing above 0 counts.
    expect(assessMaturity({ ...infrastructure, lastLiveTraceAt: hoursAgo(8 * 24) }, now).level).toBe(0);
    expect(assessMaturity({ ...infrastructure, driftStatus: "collecting_baseline" }, now).level).toBe(2);
    expect(assessMaturity({ ...infrastructure, ungatedDeployLabels30d: ["v3"] }, now).level).toBe(3);
    expect(assessMaturity({ ...infrastructure, staleOpenIncidents: 1 }, now).level).toBe(3);
  });

  it("is covered by a department budget as much as by the agent's own", () => {
    expect(criterion({ ...governed, agentBudgets: 0, teamBudgets: 2 }, "budget")).toMatchObject({ met: true, detail: "Covered by 2 department budgets of its team" });
    expect(criterion({ ...governed, agentBudgets: 0 }, "budget").met).toBe(false);
  });

  it("says in words what is missing", () => {
    expect(criterion(traced, "gating_suite")).toEqual({ id: "gating_suite", level: 3, met: false, detail: "No gating suite: mark one evaluation suite as the gate (gating: true)" });
    expect(criterion({ ...traced, lastLiveTraceAt: hoursAgo(10 * 24) }, "traced").detail).toBe(
      "No live traces in the last 7 days (the last one 10 days ago): check the agent's OTLP exporter",
    );
    expect(criterion(registered, "traced").detail).toMatch(/^No live traces yet/);
    expect(criterion({ ...infrastructure, ungatedDeployLabels30d: ["v3", "v4"] }, "gated_deploys").detail).toBe("Ungated production deploys in the last 30 days: v3, v4");
    expect(criterion(infrastructure, "traced").detail).toBe("Live traces received (the latest 2 hours ago)");
  });

  it("counts no production deploy in 30 days as gated, and no incidents as none left open", () => {
    expect(criterion({ ...infrastructure, productionDeploys30d: 0 }, "gated_deploys").met).toBe(true);
    expect(criterion({ ...infrastructure, resolvedIncidents: 0 }, "incident_reports")).toMatchObject({ met: true, detail: "No incidents so far; none left open" });
  });

  it("lists the next level's missing criteria as next steps", () => {
    expect(nextSteps(assessMaturity(governed, now)).map((each) => each.id)).toEqual(["staged_release", "gating_suite", "drift_monitoring", "alert_routing"]);
    expect(nextSteps(assessMaturity({ ...productionGrade, gatingSuiteName: null, canaries: 1 }, now)).map((each) => each.id)).toEqual(["gating_suite"]);
    expect(nextSteps(assessMaturity(infrastructure, now))).toEqual([]);
  });
});

describe("fleet summary", () => {
  const agent = (slug: string, level: 0 | 1 | 2 | 3 | 4) => ({ slug, name: slug, team: "Claims", level, nextStep: null });

  it("counts agents per level and takes the lower median and the lowest", () => {
    const summary = summarizeFleet([agent("a", 3), agent("b", 1), agent("c", 2), agent("d", 1)]);
    expect(summary.distribution).toEqual([
      { level: 0, agents: 0 },
      { level: 1, agents: 2 },
      { level: 2, agents: 1 },
      { level: 3, agents: 1 },
      { level: 4, agents: 0 },
    ]);
    expect(summary).toMatchObject({ median: 1, lowest: 1 });
    expect(summarizeFleet([agent("a", 4), agent("b", 2), agent("c", 0)])).toMatchObject({ median: 2, lowest: 0 });
  });

  it("has no median or lowest without agents", () => {
    expect(summarizeFleet([])).toMatchObject({ median: null, lowest: null });
  });
});
