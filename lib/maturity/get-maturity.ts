import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { teamAccess } from "../auth/team-access";
import { findAgentForPrincipal } from "../agents/get-agent";
import { assessMaturity, nextSteps, type Maturity } from "./criteria";
import { summarizeFleet } from "./fleet-summary";
import { loadMaturityFacts } from "./load-facts";
import type { FleetMaturity } from "./schemas";

// One agent's maturity level and criteria, for everyone who can read the agent.
export async function getAgentMaturity(principal: Principal, slug: string, now = new Date()): Promise<Maturity> {
  assertCan(principal, "agents:read");
  const agent = await findAgentForPrincipal(db(), principal, slug);
  const [row] = await loadMaturityFacts({ teams: teamAccess(principal), agentId: agent.id, now });
  return assessMaturity(row.facts, now);
}

// Every (not terminated) agent of the principal's teams with its level, and how the fleet stands.
export async function getFleetMaturity(principal: Principal, now = new Date()): Promise<FleetMaturity> {
  assertCan(principal, "agents:read");
  const rows = await loadMaturityFacts({ teams: teamAccess(principal), now });
  const agents = rows.map(({ agent, facts }) => {
    const maturity = assessMaturity(facts, now);
    return { slug: agent.slug, name: agent.name, team: agent.team, level: maturity.level, nextStep: nextSteps(maturity)[0]?.detail ?? null };
  });
  return { agents, ...summarizeFleet(agents) };
}
