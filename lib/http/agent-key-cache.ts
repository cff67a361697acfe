import type { AgentPrincipal, UserPrincipal } from "../auth/principal";
import { authenticateKey } from "../keys/authenticate-key";
import { hashKey } from "../keys/key-secret";
import { CACHED_AGENT_TTL_MS, cachedAgentsGeneration } from "../agents/cached-agents";

// Agent key → agent principal, kept in process for a few seconds: the key lookup (a Prisma read with
// its relations) was a third of a guard call's server CPU (bench/guard.ts). Only agent principals are
// kept; admin keys, unknown, revoked and terminated keys always go to the database. Forgotten with the
// rest of what is cached about agents (lib/agents/cached-agents.ts).

export const AGENT_KEY_TTL_MS = CACHED_AGENT_TTL_MS;
const MAX_ENTRIES = 10_000;

type Entry = { principal: AgentPrincipal; cachedAt: number; generation: number };
// On globalThis for the reason given in lib/agents/cached-agents.ts.
const shared = globalThis as unknown as { controlRoomAgentKeys?: Map<string, Entry> };
const entries = (shared.controlRoomAgentKeys ??= new Map());

type Lookup = (rawKey: string) => Promise<AgentPrincipal | UserPrincipal>;

export async function authenticateKeyCached(rawKey: string | null, lookup: Lookup = authenticateKey, now = Date.now): Promise<AgentPrincipal | UserPrincipal> {
  const key = rawKey?.trim();
  if (!key) return lookup(rawKey ?? "");
  const hash = hashKey(key);
  const cached = entries.get(hash);
  if (cached && cached.generation === cachedAgentsGeneration() && now() - cached.cachedAt < AGENT_KEY_TTL_MS) return cached.principal;
  if (cached) entries.delete(hash);

  const generation = cachedAgentsGeneration();
  const principal = await lookup(key);
  if (principal.kind === "agent" && generation === cachedAgentsGeneration()) {
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entries.set(hash, { principal: Object.freeze(principal), cachedAt: now(), generation });
  }
  return principal;
}
