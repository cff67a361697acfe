import { db } from "../db/client";
import type { UserPrincipal } from "./principal";

// The signed-in user as the database has them now: deactivated users are nobody.
export async function loadSessionUser(userId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const user = await db().user.findUnique({
    where: { id: userId },
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
}

export function toUserPrincipal(user: NonNullable<Awaited<ReturnType<typeof loadSessionUser>>>, via: UserPrincipal["via"]): UserPrincipal {
  return { kind: "user", userId: user.id, email: user.email, name: user.name, role: user.role, teamIds: user.teams.map((t) => t.id), via };
}
