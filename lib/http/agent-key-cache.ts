import type { AgentPrincipal, UserPrincipal } from "../auth/principal";
import { authenticateKey } from "../keys/authenticate-key";
import { hashKey } from "../keys/key-secret";

// Agent key → agent principal, kept in process for a few seconds: the key lookup (a Prisma read with
// its relations) was a third of a guard call's server CPU (bench/guard.ts). Only agent principals are
// kept; admin keys, unknown, revoked and terminated keys always go to the database. Whatever can make a
// cached principal wrong (revoking a key, changing an agent's status or team) calls forgetAgentKeys()
// after its transaction commits and NOTIFYs the other replicas (lib/db/change-events.ts); TTL_MS bounds
// staleness while a replica's listener is reconnecting. An agent's pause is not
// in the principal: the guard reads the agent's status on every call.

export const AGENT_KEY_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

type Entry = { principal: AgentPrincipal; cachedAt: number };
// On globalThis: Next.js bundles route handlers and server actions separately, so this module can be
// loaded twice in one process, and a revoke made through a server action must clear the cache the
// routes read. `generation` is bumped by every forget, so a lookup that read the database before a
// change cannot store what it read.
const shared = globalThis as unknown as { controlRoomAgentKeys?: { entries: Map<string, Entry>; generation: number } };
const cache = (shared.controlRoomAgentKeys ??= { entries: new Map(), generation: 0 });
const entries = cache.entries;

type Lookup = (rawKey: string) => Promise<AgentPrincipal | UserPrincipal>;

export async function authenticateKeyCached(rawKey: string | null, lookup: Lookup = authenticateKey, now = Date.now): Promise<AgentPrincipal | UserPrincipal> {
  const key = rawKey?.trim();
  if (!key) return lookup(rawKey ?? "");
  const hash = hashKey(key);
  const cached = entries.get(hash);
  if (cached && now() - cached.cachedAt < AGENT_KEY_TTL_MS) return cached.principal;
  if (cached) entries.delete(hash);

  const startedAt = cache.generation;
  const principal = await lookup(key);
  if (principal.kind === "agent" && startedAt === cache.generation) {
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entries.set(hash, { principal: Object.freeze(principal), cachedAt: now() });
  }
  return principal;
}

export function forgetAgentKeys(): void {
  cache.generation += 1;
  entries.clear();
}
