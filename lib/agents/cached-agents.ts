import { cache, type Cache } from "../cache/cache";
import { processState } from "../cache/process-state";

// What processes keep about agents for a few seconds (agent keys → principals, the guard's view of an
// agent: status, team and department budgets) is forgotten together, by every replica, on whatever can
// make it wrong: a revoked key, a paused, resumed, terminated or moved agent, a renamed team or its
// changed budgets (lib/agents/subscriptions.ts). A lookup that read the database before such a change
// cannot keep what it read (lib/cache/cache.ts).

// Every agent cache's time-to-live: how stale a replica can be while its event listener reconnects.
export const CACHED_AGENT_TTL_MS = 5_000;

const agentCaches = processState("agent-caches", () => new Map<string, Cache<unknown>>());

export function forgetCachedAgents(): void {
  for (const cached of agentCaches.values()) cached.forget();
}

// One cache of values about agents; keep() says which loaded values are worth keeping.
export function agentCache<Value>(name: string, keep: (value: Value) => boolean) {
  const cached = cache<Value>({ name: `agents:${name}`, ttlMs: CACHED_AGENT_TTL_MS, keep });
  agentCaches.set(name, cached as Cache<unknown>);
  return (key: string, load: () => Promise<Value>, now?: number) => cached.get(key, load, now);
}
