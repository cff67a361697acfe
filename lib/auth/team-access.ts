import { Prisma } from "../generated/prisma/client";
import { forbidden, notFound } from "../errors/app-error";
import type { Principal } from "./principal";

// The one place that knows which teams a principal may see, and the one answer for anything outside
// them. Every read scopes its query with `where` (Prisma) or `sql` (raw SQL) instead of spelling the
// team filter itself, and every lookup by id or slug answers another team's object exactly as it
// answers a missing one (`notVisible`): 404 not_found, so its existence is not theirs to learn.
export type TeamAccess = {
  /** Every team: admins and the system (start-up tasks, CLIs, sweeps). */
  readonly all: boolean;
  /** The teams a scoped principal may see (empty when `all`). */
  readonly teamIds: readonly string[];
  has(teamId: string): boolean;
  /** Prisma `where` fragment on a team column (`teamId` unless named); `{}` for every team. */
  where(): { teamId?: { in: string[] } };
  where<Field extends string>(field: Field): Partial<Record<Field, { in: string[] }>>;
  /** Parameterised SQL condition on a team column: `TRUE` for every team, `FALSE` for none. */
  sql(column: string): Prisma.Sql;
};

export function teamAccess(principal: Principal): TeamAccess {
  if (principal.kind === "system") return everyTeam;
  if (principal.kind === "agent") return teamsOnly([principal.teamId]);
  return principal.role === "admin" ? everyTeam : teamsOnly(principal.teamIds);
}

// A column name is SQL text, never a parameter: only plain (optionally table-qualified) identifiers.
const COLUMN = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

function checkColumn(column: string): Prisma.Sql {
  if (!COLUMN.test(column)) throw new Error(`Not a column name: ${column}`);
  return Prisma.raw(column);
}

export const everyTeam: TeamAccess = {
  all: true,
  teamIds: [],
  has: () => true,
  where: () => ({}),
  sql: (column: string) => {
    checkColumn(column);
    return Prisma.sql`TRUE`;
  },
};

/** Access limited to these teams (a principal's, or narrower: one agent's team). */
export function teamsOnly(teamIds: readonly string[]): TeamAccess {
  const ids = [...new Set(teamIds)];
  return {
    all: false,
    teamIds: ids,
    has: (teamId: string) => ids.includes(teamId),
    where: (field = "teamId") => ({ [field]: { in: [...ids] } }),
    sql: (column: string) => {
      const name = checkColumn(column);
      if (ids.length === 0) return Prisma.sql`FALSE`;
      return Prisma.sql`${name} IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))})`;
    },
  };
}

/** The answer for an object that does not exist or belongs to a team the principal is not in. */
export const notVisible = (what: string) => notFound(what);

/** Throws `notVisible(what)` unless the principal may see the team owning the object. */
export function assertVisible(principal: Principal, teamId: string, what: string): void {
  if (!teamAccess(principal).has(teamId)) throw notVisible(what);
}

/**
 * Placing an agent in a team (creating or moving it) needs membership of that team. The team is named
 * in the request body rather than looked up by the URL, so this stays a permission answer (403).
 */
export function assertMayPlaceIn(principal: Principal, teamId: string): void {
  if (!teamAccess(principal).has(teamId)) throw forbidden("You can only place agents in teams you are a member of");
}
