import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import type { AgentPrincipal, UserPrincipal } from "../auth/principal";
import { hashKey, looksLikeKey } from "./key-secret";

const TOUCH_INTERVAL_MS = 60_000;

// Bearer key → the agent (or admin) it names. Unknown, revoked or malformed keys all get the same 401.
export async function authenticateKey(rawKey: string | null | undefined): Promise<AgentPrincipal | UserPrincipal> {
  const key = rawKey?.trim();
  if (!key) throw new AppError("unauthenticated", "Missing API key: send Authorization: Bearer <key>");
  if (!looksLikeKey(key)) throw invalidKey();
  const row = await db().apiKey.findUnique({
    where: { hash: hashKey(key) },
    include: {
      agent: { select: { id: true, slug: true, teamId: true, status: true } },
      user: { select: { id: true, email: true, name: true, role: true, active: true, memberships: { select: { teamId: true } } } },
    },
  });
  if (!row || row.revokedAt) throw invalidKey();
  await touch(row.id, row.lastUsedAt, row.agent?.id);
  if (row.agent) {
    if (row.agent.status === "terminated") throw new AppError("forbidden", `Agent "${row.agent.slug}" is terminated`);
    return { kind: "agent", agentId: row.agent.id, agentSlug: row.agent.slug, teamId: row.agent.teamId, keyId: row.id };
  }
  if (!row.user || !row.user.active || row.user.role !== "admin") throw invalidKey();
  return {
    kind: "user",
    userId: row.user.id,
    email: row.user.email,
    name: row.user.name,
    role: row.user.role,
    teamIds: row.user.memberships.map((m) => m.teamId),
    via: "api-key",
  };
}

const invalidKey = () => new AppError("unauthenticated", "Invalid or revoked API key");

// Last-used and last-seen times, written at most once a minute per key so hot paths stay read-only.
async function touch(keyId: string, lastUsedAt: Date | null, agentId: string | undefined) {
  const now = Date.now();
  if (lastUsedAt && now - lastUsedAt.getTime() < TOUCH_INTERVAL_MS) return;
  const at = new Date(now);
  await db().apiKey.update({ where: { id: keyId }, data: { lastUsedAt: at } });
  if (agentId) await db().agent.update({ where: { id: agentId }, data: { lastSeenAt: at } });
}
