import type { AgentPrincipal, UserPrincipal } from "../auth/principal";
import { authenticateKey } from "../keys/authenticate-key";
import { hashKey } from "../keys/key-secret";
import { agentCache, CACHED_AGENT_TTL_MS } from "../agents/cached-agents";

// Agent key → agent principal, kept in process for a few seconds: the key lookup (a Prisma read with
// its relations) was a third of a guard call's server CPU (bench/guard.ts). Only agent principals are
// kept; admin keys, unknown, revoked and terminated keys always go to the database. Forgotten with the
// rest of what is cached about agents (lib/agents/cached-agents.ts).

export const AGENT_KEY_TTL_MS = CACHED_AGENT_TTL_MS;

type Principal = AgentPrincipal | UserPrincipal;
type Lookup = (rawKey: string) => Promise<Principal>;

const byKeyHash = agentCache<Principal>("keys", (principal) => principal.kind === "agent");

export async function authenticateKeyCached(rawKey: string | null, lookup: Lookup = authenticateKey, now = Date.now): Promise<Principal> {
  const key = rawKey?.trim();
  if (!key) return lookup(rawKey ?? "");
  return byKeyHash(
    hashKey(key),
    async () => {
      const principal = await lookup(key);
      return principal.kind === "agent" ? Object.freeze(principal) : principal;
    },
    now(),
  );
}
