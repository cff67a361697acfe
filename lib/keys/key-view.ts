export const keyInclude = {
  agent: { select: { slug: true, teamId: true } },
  user: { select: { email: true } },
} as const;

type KeyRow = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  agent: { slug: string; teamId: string } | null;
  user: { email: string } | null;
};

export function toKeyView(row: KeyRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    kind: row.agent ? ("agent" as const) : ("admin" as const),
    agent: row.agent?.slug ?? null,
    user: row.user?.email ?? null,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
export type KeyView = ReturnType<typeof toKeyView>;
