import { sql } from "../db/sql";
import { processState } from "../cache/process-state";
import { AppError } from "../errors/app-error";
import type { AgentPrincipal, UserPrincipal } from "../auth/principal";
import { hashKey, looksLikeKey } from "./key-secret";

const TOUCH_INTERVAL_MS = 60_000;

// One plain statement (lib/db/sql.ts) rather than a Prisma read with its relations: this runs for every
// call of the agent-facing API whose key is not cached (every few seconds per key on the guard's hot
// path, lib/http/agent-key-cache.ts), and through Prisma it cost ~2 ms of CPU against ~0.2 ms.
const READ_KEY = `
SELECT k.id, k.revoked_at AS "revokedAt", k.last_used_at AS "lastUsedAt",
  a.id AS "agentId", a.slug AS "agentSlug", a.team_id AS "agentTeamId", a.status::text AS "agentStatus",
  u.id AS "userId", u.email AS "userEmail", u.name AS "userName", u.role::text AS "userRole", u.active AS "userActive",
  CASE WHEN u.id IS NULL THEN NULL ELSE ARRAY(SELECT m.team_id::text FROM memberships m WHERE m.user_id = u.id) END AS "userTeamIds"
FROM api_keys k
LEFT JOIN agents a ON a.id = k.agent_id
LEFT JOIN users u ON u.id = k.user_id
WHERE k.hash = $1`;

type KeyRow = {
  id: string;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  agentId: string | null;
  agentSlug: string | null;
  agentTeamId: string | null;
  agentStatus: string | null;
  userId: string | null;
  userEmail: string | null;
  userName: string | null;
  userRole: UserPrincipal["role"] | null;
  userActive: boolean | null;
  userTeamIds: string[] | null;
};

// Only last_seen_at: the agent's updated_at ("Last updated" on its page) tells when someone changed it,
// not when it last called (through Prisma, @updatedAt moved it with every last-seen write).
const TOUCH_KEY = `UPDATE api_keys SET last_used_at = $2::timestamptz WHERE id = $1::uuid`;
const TOUCH_AGENT = `UPDATE agents SET last_seen_at = $2::timestamptz WHERE id = $1::uuid`;

// Bearer key → the agent (or admin) it names. Unknown, revoked or malformed keys all get the same 401.
export async function authenticateKey(rawKey: string | null | undefined): Promise<AgentPrincipal | UserPrincipal> {
  const key = rawKey?.trim();
  if (!key) throw new AppError("unauthenticated", "Missing API key: send Authorization: Bearer <key>");
  if (!looksLikeKey(key)) throw invalidKey();
  const [row] = await sql<KeyRow>(READ_KEY, hashKey(key));
  if (!row || row.revokedAt) throw invalidKey();
  await touch(row.id, row.lastUsedAt, row.agentId);
  if (row.agentId) {
    if (row.agentStatus === "terminated") throw new AppError("forbidden", `Agent "${row.agentSlug}" is terminated`);
    return { kind: "agent", agentId: row.agentId, agentSlug: row.agentSlug!, teamId: row.agentTeamId!, keyId: row.id };
  }
  if (!row.userId || !row.userActive || row.userRole !== "admin") throw invalidKey();
  return {
    kind: "user",
    userId: row.userId,
    email: row.userEmail!,
    name: row.userName!,
    role: row.userRole,
    teamIds: row.userTeamIds ?? [],
    via: "api-key",
  };
}

const invalidKey = () => new AppError("unauthenticated", "Invalid or revoked API key");

// Last-used and last-seen times, written at most once a minute per key so hot paths stay read-only, and
// an agent's last-seen time at most once a minute per process: its keys, looked up together, would
// otherwise queue on its row's lock, holding connections of the guard's pool meanwhile.
const agentSeenAt = processState("keys:agent-seen-at", () => new Map<string, number>());

async function touch(keyId: string, lastUsedAt: Date | null, agentId: string | null) {
  const now = Date.now();
  if (lastUsedAt && now - lastUsedAt.getTime() < TOUCH_INTERVAL_MS) return;
  const at = new Date(now).toISOString();
  await sql(TOUCH_KEY, keyId, at);
  if (!agentId || now - (agentSeenAt.get(agentId) ?? -Infinity) < TOUCH_INTERVAL_MS) return;
  if (agentSeenAt.size >= 10_000) agentSeenAt.clear();
  agentSeenAt.set(agentId, now);
  await sql(TOUCH_AGENT, agentId, at).catch((error: unknown) => {
    agentSeenAt.delete(agentId);
    throw error;
  });
}
