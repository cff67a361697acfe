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

const shared = globalThis as unknown as { controlRoomAgentCaches?: { generation: number } } & Record<string, unknown>;
const state = (shared.controlRoomAgentCaches ??= { generation: 0 });

export function forgetCachedAgents(): void {
  state.generation += 1;
}

// Every agent cache's time-to-live: how stale a replica can be while its change listener reconnects.
export const CACHED_AGENT_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

type Entry<Value> = { value: Value; cachedAt: number; generation: number };

// One cache of values about agents, shared by every copy of the module that names it. lookup answers
// from the cache while the entry is fresh and no change came since; otherwise it loads, and keeps what
// it loaded when keep() says so and nothing changed meanwhile.
export function agentCache<Value>(globalName: string) {
  const entries = (shared[globalName] ??= new Map()) as Map<string, Entry<Value>>;
  return async function lookup(key: string, load: () => Promise<Value>, keep: (value: Value) => boolean, now = Date.now()): Promise<Value> {
    const cached = entries.get(key);
    if (cached && cached.generation === state.generation && now - cached.cachedAt < CACHED_AGENT_TTL_MS) return cached.value;
    if (cached) entries.delete(key);
    const generation = state.generation;
    const value = await load();
    if (keep(value) && generation === state.generation) {
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(key, { value, cachedAt: now, generation });
    }
    return value;
  };
}
