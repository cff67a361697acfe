import type { Tx } from "../../db/client";
import { db } from "../../db/client";

// Every agent that has been in production gets its drift state, collecting its baseline from the tasks
// stored after its first production deploy (deployment_events: the first entry that put a version in
// production). Idempotent (ON CONFLICT), so the deploy's reaction and the sweep may both run it.
export async function ensureDriftStates(agentId: string | null = null, client: Tx = db()): Promise<number> {
  return client.$executeRaw`
    INSERT INTO drift_states (agent_id, team_id, baseline_started_at, task_watermark, decision_watermark)
    SELECT a.id, a.team_id, first.at, first.at, first.at
      FROM agents a
      JOIN LATERAL (
        SELECT min(e.at) AS at FROM deployment_events e
         WHERE e.agent_id = a.id AND (e.to_stage = 'production' OR e.kind IN ('production_approved', 'rolled_back'))
      ) first ON first.at IS NOT NULL
     WHERE a.status <> 'terminated'
       AND (${agentId}::uuid IS NULL OR a.id = ${agentId}::uuid)
       AND NOT EXISTS (SELECT 1 FROM drift_states d WHERE d.agent_id = a.id)
    ON CONFLICT (agent_id) DO NOTHING`;
}
