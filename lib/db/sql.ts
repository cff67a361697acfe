import { db, pgPool } from "./client";

// A plain SQL statement for the guard's hot path. On PostgreSQL it goes straight to the pg pool that
// Prisma also uses: Prisma's raw queries cost several times the statement's own CPU (bench/guard-db-
// profile.ts). On the embedded database it goes through Prisma, which serialises access to the one
// PGlite connection. Rows come back as pg parses them: cast numerics (::float8) and bigints in SQL.
export async function sql<Row>(text: string, ...params: unknown[]): Promise<Row[]> {
  const pool = pgPool();
  if (pool) return (await pool.query(text, params)).rows as Row[];
  return db().$queryRawUnsafe<Row[]>(text, ...params);
}
