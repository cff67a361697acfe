// What is in place for one agent, as lib/maturity/load-facts.ts reads it: the inputs of the maturity
// criteria (criteria.ts). Plain data, so the criteria are judged without a database.
export type MaturityFacts = {
  // The newest live trace (evaluation traffic excluded), or null when none was ever stored.
  lastLiveTraceAt: Date | null;
  // Policy documents scoped to the agent (agent-wide, workflow or decision type).
  policies: number;
  // Hold rules (`gates`) written in those documents.
  holdRules: number;
  // Budgets written in the agent's own policy documents, and its team's department budgets.
  agentBudgets: number;
  teamBudgets: number;
  // A version that was in staging and then reached production (the path was walked, not skipped).
  stagedProductionLabel: string | null;
  gatingSuiteName: string | null;
  // drift_states.status: collecting_baseline | monitoring; null before the first production deploy.
  driftStatus: string | null;
  // Webhooks of the agent's team that receive alerts.
  alertWebhooks: number;
  // Canaries started (each is watched by the guarded canary).
  canaries: number;
  // Production deploys (promotions and approvals, not rollbacks) in the last 30 days, and those ungated.
  productionDeploys30d: number;
  ungatedDeployLabels30d: string[];
  onlineEvaluators: number;
  resolvedIncidents: number;
  // Incidents still open after the grace period (STALE_INCIDENT_DAYS).
  staleOpenIncidents: number;
};

export const LIVE_TRACE_DAYS = 7;
export const GATED_DEPLOY_DAYS = 30;
export const STALE_INCIDENT_DAYS = 7;
