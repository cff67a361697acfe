import { createHash } from "node:crypto";
import { db, pgPool } from "./client";

// A plain SQL statement for the guard's hot path. On PostgreSQL it goes straight to the pg pool that
// Prisma also uses: Prisma's raw queries cost several times the statement's own CPU (bench/guard-db-
// profile.ts). On the embedded database it goes through Prisma, which serialises access to the one
// PGlite connection. Rows come back as pg parses them: cast numerics (::float8) and bigints in SQL.
//
// The texts are fixed, so each is a named prepared statement on Postgres: parsed and planned once per
// connection instead of on every call (planning the loop breaker's statement cost more than running it).
export async function sql<Row>(text: string, ...params: unknown[]): Promise<Row[]> {
  const pool = pgPool();
  if (pool) return (await pool.query({ name: statementName(text), text, values: params })).rows as Row[];
  return db().$queryRawUnsafe<Row[]>(text, ...params);
}

const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `cr_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}
