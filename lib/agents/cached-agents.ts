// What processes keep about agents for a few seconds (agent keys → principals, the guard's view of an
// agent: status, team and department budgets) is forgotten together. Whatever can make it wrong —
// revoking a key, pausing, resuming or terminating an agent, moving it to another team, renaming a team
// or changing its budgets — calls forgetCachedAgents() once its transaction commits and NOTIFYs the
// other replicas (lib/db/change-events.ts), whose listeners call it too.
//
// On globalThis: Next.js bundles route handlers, server actions and instrumentation separately, so a
// cache module can be loaded more than once in one process. A cache stores the generation it read at
// and drops entries of an older one, so a lookup that read the database before a change cannot keep
// what it read.

const shared = globalThis as unknown as { controlRoomAgentCaches?: { generation: number } };
const state = (shared.controlRoomAgentCaches ??= { generation: 0 });

export const cachedAgentsGeneration = (): number => state.generation;

export function forgetCachedAgents(): void {
  state.generation += 1;
}

// Both caches' time-to-live: how stale a replica can be while its change listener reconnects.
export const CACHED_AGENT_TTL_MS = 5_000;
