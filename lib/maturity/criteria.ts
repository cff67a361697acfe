import { formatDistanceStrict } from "date-fns";
import { GATED_DEPLOY_DAYS, LIVE_TRACE_DAYS, STALE_INCIDENT_DAYS, type MaturityFacts } from "./facts";

// The maturity ladder (README, "Maturity level"): 0 registered, 1 traced, 2 governed, 3 production-grade,
// 4 run like infrastructure. Each criterion says in words what is there or what is missing, so the card
// and the API explain the level instead of only stating it.

export const MATURITY_LEVELS = [0, 1, 2, 3, 4] as const;
export type MaturityLevel = (typeof MATURITY_LEVELS)[number];

export const levelNames: Record<MaturityLevel, string> = {
  0: "Registered",
  1: "Traced",
  2: "Governed",
  3: "Production-grade",
  4: "Run like infrastructure",
};

export type Criterion = { id: string; level: MaturityLevel; met: boolean; detail: string };
export type Maturity = { level: MaturityLevel; criteria: Criterion[] };

type Check = (facts: MaturityFacts, now: Date) => { met: boolean; detail: string };
type CriterionDefinition = { id: string; level: MaturityLevel; check: Check };

const DAY_MS = 86_400_000;
const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;

export const criterionDefinitions: CriterionDefinition[] = [
  { id: "registered", level: 0, check: () => ({ met: true, detail: "Registered in Control Room" }) },
  {
    id: "traced",
    level: 1,
    check: ({ lastLiveTraceAt }, now) => {
      if (!lastLiveTraceAt) return { met: false, detail: "No live traces yet: send the agent's spans to /api/otlp/v1/traces with its key" };
      const ago = formatDistanceStrict(lastLiveTraceAt, now, { addSuffix: true });
      if (now.getTime() - lastLiveTraceAt.getTime() > LIVE_TRACE_DAYS * DAY_MS) {
        return { met: false, detail: `No live traces in the last ${LIVE_TRACE_DAYS} days (the last one ${ago}): check the agent's OTLP exporter` };
      }
      return { met: true, detail: `Live traces received (the latest ${ago})` };
    },
  },
  {
    id: "policy",
    level: 2,
    check: ({ policies }) =>
      policies > 0
        ? { met: true, detail: `${plural(policies, "policy document")} scoped to the agent` }
        : { met: false, detail: "No policy: write one on the Policies tab (the tools it may call, its limits)" },
  },
  {
    id: "budget",
    level: 2,
    check: ({ agentBudgets, teamBudgets }) => {
      if (agentBudgets + teamBudgets === 0) {
        return { met: false, detail: "No budget covers the agent: add one to its policy or a department budget to its team" };
      }
      const parts = [agentBudgets > 0 && `${plural(agentBudgets, "budget")} in its policies`, teamBudgets > 0 && `${plural(teamBudgets, "department budget")} of its team`];
      return { met: true, detail: `Covered by ${parts.filter(Boolean).join(" and ")}` };
    },
  },
  {
    id: "human_gates",
    level: 2,
    check: ({ holdRules }) =>
      holdRules > 0
        ? { met: true, detail: `${plural(holdRules, "hold rule")} send actions to a person for approval` }
        : { met: false, detail: "No human gate: add a hold rule (gates) to its policy so risky actions wait for approval" },
  },
  {
    id: "staged_release",
    level: 3,
    check: ({ stagedProductionLabel }) =>
      stagedProductionLabel
        ? { met: true, detail: `${stagedProductionLabel} reached production through staging` }
        : { met: false, detail: "No version has reached production through staging: move a version to staging, then promote it" },
  },
  {
    id: "gating_suite",
    level: 3,
    check: ({ gatingSuiteName }) =>
      gatingSuiteName
        ? { met: true, detail: `Evaluation suite "${gatingSuiteName}" gates canary and production` }
        : { met: false, detail: "No gating suite: mark one evaluation suite as the gate (gating: true)" },
  },
  {
    id: "drift_monitoring",
    level: 3,
    check: ({ driftStatus }) => {
      if (driftStatus === "monitoring") return { met: true, detail: "Drift baseline set; monitors are watching" };
      if (driftStatus) return { met: false, detail: "Drift baseline still collecting: monitors start once it is complete" };
      return { met: false, detail: "No drift baseline: it starts collecting at the first production deploy" };
    },
  },
  {
    id: "alert_routing",
    level: 3,
    check: ({ alertWebhooks }) =>
      alertWebhooks > 0
        ? { met: true, detail: `Alerts go to ${plural(alertWebhooks, "webhook")} of its team` }
        : { met: false, detail: "Alerts reach no one outside Control Room: add a webhook for the team (Admin → Webhooks)" },
  },
  {
    id: "guarded_canary",
    level: 4,
    check: ({ canaries }) =>
      canaries > 0
        ? { met: true, detail: `${plural(canaries, "guarded canary", "guarded canaries")} in the deployment history` }
        : { met: false, detail: "No canary yet: release the next version as a guarded canary before production" },
  },
  {
    id: "gated_deploys",
    level: 4,
    check: ({ productionDeploys30d, ungatedDeployLabels30d }) => {
      if (ungatedDeployLabels30d.length > 0) {
        return { met: false, detail: `Ungated production deploys in the last ${GATED_DEPLOY_DAYS} days: ${ungatedDeployLabels30d.join(", ")}` };
      }
      return productionDeploys30d > 0
        ? { met: true, detail: `All ${plural(productionDeploys30d, "production deploy")} of the last ${GATED_DEPLOY_DAYS} days passed the gate` }
        : { met: true, detail: `No production deploys in the last ${GATED_DEPLOY_DAYS} days, none ungated` };
    },
  },
  {
    id: "online_evaluators",
    level: 4,
    check: ({ onlineEvaluators }) =>
      onlineEvaluators > 0
        ? { met: true, detail: `${plural(onlineEvaluators, "online evaluator")} scoring live traffic` }
        : { met: false, detail: "No online evaluator enabled: score a sample of live traces continuously" },
  },
  {
    id: "incident_reports",
    level: 4,
    check: ({ resolvedIncidents, staleOpenIncidents }) => {
      if (staleOpenIncidents > 0) {
        return { met: false, detail: `${plural(staleOpenIncidents, "incident")} open for more than ${STALE_INCIDENT_DAYS} days: resolve with a summary` };
      }
      return resolvedIncidents > 0
        ? { met: true, detail: `${plural(resolvedIncidents, "incident")} closed with a report; none left open` }
        : { met: true, detail: "No incidents so far; none left open" };
    },
  },
];

// A level is reached when every criterion of it and of the levels below is met.
export function assessMaturity(facts: MaturityFacts, now: Date = new Date()): Maturity {
  const criteria = criterionDefinitions.map(({ id, level, check }) => ({ id, level, ...check(facts, now) }));
  let level: MaturityLevel = 0;
  for (const candidate of MATURITY_LEVELS) {
    if (criteria.every((criterion) => criterion.level > candidate || criterion.met)) level = candidate;
    else break;
  }
  return { level, criteria };
}

// What stands between the agent and the next level (empty at level 4).
export function nextSteps(maturity: Maturity): Criterion[] {
  return maturity.criteria.filter((criterion) => !criterion.met && criterion.level <= maturity.level + 1);
}
