import { sql } from "../db/sql";
import { agentCache } from "../agents/cached-agents";

// What the guard needs of the agent behind a key: status (the kill switch), team and the team's
// department budgets. Kept in process like the agent key (lib/agents/cached-agents.ts): a pause,
// a team move or a budget change is forgotten on every replica when it commits, so a paused agent is
// denied from its next call on.

export type GuardAgent = { id: string; slug: string; status: "active" | "paused" | "terminated"; teamId: string; team: { name: string; budgets: unknown } };

const READ_AGENT = `
SELECT a.id, a.slug, a.status::text AS status, a.team_id AS "teamId", t.name AS "teamName", t.budgets
FROM agents a JOIN teams t ON t.id = a.team_id
WHERE a.id = $1::uuid`;

const byAgentId = agentCache<GuardAgent | null>("guard", (agent) => agent !== null);

export function readGuardAgent(agentId: string, now = Date.now()): Promise<GuardAgent | null> {
  return byAgentId(agentId, () => loadAgent(agentId), now);
}

async function loadAgent(agentId: string): Promise<GuardAgent | null> {
  const rows = await sql<Omit<GuardAgent, "team"> & { teamName: string; budgets: unknown }>(READ_AGENT, agentId);
  const row = rows[0];
  if (!row) return null;
  return Object.freeze({ id: row.id, slug: row.slug, status: row.status, teamId: row.teamId, team: { name: row.teamName, budgets: row.budgets } });
}
