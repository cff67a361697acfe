import type { Scenario } from "./types";
import { claimsScenario } from "./scenarios/claims";
import { largePurchaseScenario, procurementScenario } from "./scenarios/procurement";
import { procurementReviewScenario } from "./scenarios/procurement-review";
import { refundScenario } from "./scenarios/refund";
import { refundLoopScenario } from "./scenarios/refund-loop";
import { supportScenario } from "./scenarios/support";
import { supportInjectionScenario } from "./scenarios/support-injection";

// Every scenario the fleet can run, with how often it runs: a scenario's share of the traces is its
// weight over the sum of all weights. The everyday tasks dominate; the guard incidents (a loop, an
// injected email, a purchase held for a reviewer, a spend burst) are rare but, at the default
// 1 trace/s, each shows up within a couple of minutes. Weight 0 keeps a scenario available to
// --scenarios but out of the mix.
export const scenarioWeights: Record<string, number> = {
  "claims.adjudicate": 3,
  "refunds.process": 2,
  "support.email-triage": 4,
  "procurement.purchase": 1,
  "refunds.loop": 0.15, // (a) the loop breaker stops it
  "support.injected-email": 0.15, // (b) the input check flags it; a naive agent's exfiltration is out_of_scope
  "procurement.large-purchase": 0.2, // (c) held for a reviewer; the agent waits
  "procurement.vendor-review": 0.12, // (d) spends the Procurement department's daily budget
};

// How the fleet treats the guard: at most this many sessions wait for a reviewer at once (scenarios
// that would be held pick a variant that is not while the queue is full), and an agent whose task was
// stopped for one of these reasons starts no new task for a while, as a real runtime would back off.
export const fleetSettings = {
  maxWaitingSessions: 3,
  backoffSeconds: { budget_exceeded: 120, agent_paused: 30, guard_unavailable: 10 } as Record<string, number>,
};

const scenarios = new Map<string, Scenario>();

export function registerScenario(scenario: Scenario): void {
  scenarios.set(scenario.name, { ...scenario, weight: scenarioWeights[scenario.name] ?? scenario.weight });
}

export const listScenarios = (): Scenario[] => [...scenarios.values()];

// "claims" selects claims.adjudicate (name prefix) and everything claims-agent runs (agent slug with or
// without "-agent"); no filter selects the weighted default mix.
export function selectScenarios(filter?: string[]): Scenario[] {
  const all = listScenarios();
  if (!filter?.length) return all.filter((scenario) => scenario.weight > 0);
  const wanted = filter.map((name) => name.trim().toLowerCase()).filter(Boolean);
  const matches = (scenario: Scenario, name: string) =>
    scenario.name === name || scenario.name.split(".")[0] === name || scenario.agent === name || scenario.agent === `${name}-agent`;
  const selected = all.filter((scenario) => wanted.some((name) => matches(scenario, name)));
  const unknown = wanted.filter((name) => !all.some((scenario) => matches(scenario, name)));
  if (unknown.length) throw new Error(`Unknown scenario ${unknown.join(", ")}; known: ${all.map((scenario) => scenario.name).join(", ")}`);
  return selected.map((scenario) => (scenario.weight > 0 ? scenario : { ...scenario, weight: 1 }));
}

for (const scenario of [
  claimsScenario,
  refundScenario,
  supportScenario,
  procurementScenario,
  refundLoopScenario,
  supportInjectionScenario,
  largePurchaseScenario,
  procurementReviewScenario,
]) {
  registerScenario(scenario);
}
