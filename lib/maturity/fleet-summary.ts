import { MATURITY_LEVELS, type MaturityLevel } from "./criteria";

export type FleetAgentLevel = { slug: string; name: string; team: string; level: MaturityLevel; nextStep: string | null };

export type FleetSummary = {
  // How many agents stand at each level, 0 to 4.
  distribution: { level: MaturityLevel; agents: number }[];
  // The lower middle for an even count: a fleet is as mature as its weaker half says.
  median: MaturityLevel | null;
  lowest: MaturityLevel | null;
};

export function summarizeFleet(agents: FleetAgentLevel[]): FleetSummary {
  const levels = agents.map((agent) => agent.level).sort((a, b) => a - b);
  return {
    distribution: MATURITY_LEVELS.map((level) => ({ level, agents: levels.filter((each) => each === level).length })),
    median: levels.length === 0 ? null : levels[Math.floor((levels.length - 1) / 2)],
    lowest: levels.length === 0 ? null : levels[0],
  };
}
