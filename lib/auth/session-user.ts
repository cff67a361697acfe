import { cache } from "react";
import { db } from "../db/client";
import { isRole } from "./roles";
import { liveAuthSession } from "./auth-sessions";
import type { UserPrincipal } from "./principal";

// The signed-in user of a session token as the database has them now: a revoked or expired session,
// a token from another user's session, or a deactivated user is nobody. Read once per request (the
// layout and the page both ask).
export const loadSessionUser = cache(async (sessionId: unknown, userId: unknown) => {
  const session = await liveAuthSession(sessionId);
  if (!session || session.userId !== userId) return null;
  const user = await db().user.findUnique({
    where: { id: session.userId },
    include: { memberships: { include: { team: { select: { id: true, name: true } } } } },
  });
  if (!user || !user.active) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    teams: user.memberships.map((m) => m.team).sort((a, b) => a.name.localeCompare(b.name)),
  };
});

export type SessionUser = NonNullable<Awaited<ReturnType<typeof loadSessionUser>>>;

export function toUserPrincipal(user: SessionUser, via: UserPrincipal["via"]): UserPrincipal {
  return { kind: "user", userId: user.id, email: user.email, name: user.name, role: user.role, teamIds: user.teams.map((t) => t.id), via };
}

// The session object next-auth hands out was filled from loadSessionUser in this request's jwt callback.
export function sessionUserOf(user: { id: string; email: string; name: string; role: string; teams: { id: string; name: string }[] } | undefined): SessionUser | null {
  if (!user || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, teams: user.teams };
}
