import { performance } from "node:perf_hooks";
import { db, hotPool } from "./client";
import { processState } from "../cache/process-state";
import { statementName } from "./statement-name";

// A plain SQL statement for the guard's hot path. On PostgreSQL it goes straight to a pg pool of its
// own (lib/db/client.ts), apart from Prisma's: Prisma's raw queries cost several times the statement's
// own CPU (bench/guard-db-profile.ts), and bulk work on Prisma's pool must not make the guard wait for
// a connection. On the embedded database it goes through Prisma, which serialises access to the one
// PGlite connection. Rows come back as pg parses them: cast numerics (::float8) and bigints in SQL.
//
// The texts are fixed, so each is a named prepared statement on Postgres: parsed and planned once per
// connection instead of on every call (planning the loop breaker's statement cost more than running it).
//
// Each statement's time (waiting for a connection, the round trip, and the event loop getting to the
// answer) is kept for a moment: bulk work that competes with the guard reads it to know when to back
// off (lib/traces/ingest-limiter.ts).
export async function sql<Row>(text: string, ...params: unknown[]): Promise<Row[]> {
  const started = performance.now();
  try {
    const pool = hotPool();
    if (pool) return (await pool.query({ name: statementName(text), text, values: params })).rows as Row[];
    return await db().$queryRawUnsafe<Row[]>(text, ...params);
  } finally {
    recordHotStatement(performance.now() - started);
  }
}

// The durations (ms) since the last take, at most MAX_KEPT of them (when nobody takes them, they are
// dropped). One record per process: the guard's node:http route and the Next.js routes can be separate
// module instances in one process.
const MAX_KEPT = 4096;
const shared = processState<{ recent: number[] }>("guard:hot-statements", () => ({ recent: [] }));

export function recordHotStatement(ms: number): void {
  if (shared.recent.length >= MAX_KEPT) shared.recent.length = 0;
  shared.recent.push(ms);
}

export function takeHotStatementTimes(): number[] {
  const recent = shared.recent;
  shared.recent = [];
  return recent;
}
