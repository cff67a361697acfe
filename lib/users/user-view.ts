export const userInclude = { memberships: { include: { team: { select: { id: true, name: true } } } } } as const;

type UserRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  active: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  memberships: { team: { id: string; name: string } }[];
};

export function toUserView(user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role as import("../auth/roles").Role,
    active: user.active,
    teams: user.memberships.map((m) => m.team).sort((a, b) => a.name.localeCompare(b.name)),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}
export type UserView = ReturnType<typeof toUserView>;

export const userAuditSummary = (user: UserView) => ({
  email: user.email,
  name: user.name,
  role: user.role,
  active: user.active,
  teams: user.teams.map((t) => t.name),
});
