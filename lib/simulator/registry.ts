import type { Scenario } from "./types";
import { claimsScenario } from "./scenarios/claims";
import { procurementScenario } from "./scenarios/procurement";
import { refundScenario } from "./scenarios/refund";
import { supportScenario } from "./scenarios/support";

// Every scenario the fleet can run. Later behaviours (drift, loops, prompt injections) register here
// with their own weight; a scenario's weight 0 keeps it available to --scenarios but out of the mix.
const scenarios = new Map<string, Scenario>();

export function registerScenario(scenario: Scenario): void {
  scenarios.set(scenario.name, scenario);
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

for (const scenario of [claimsScenario, refundScenario, supportScenario, procurementScenario]) registerScenario(scenario);
