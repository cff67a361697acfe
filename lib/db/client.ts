import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client";
import { openPGlite } from "./pglite-options";

// One Prisma client per process. PostgreSQL when DATABASE_URL is set; otherwise an embedded PGlite
// under CONTROLROOM_DATA_DIR (default .data/pg), or in memory when that is "memory://".

function makeClient(adapter: SqlMigrationAwareDriverAdapterFactory) {
  return new PrismaClient({
    adapter,
    // Secrets are left out of every query unless a caller asks for them by name.
    omit: { user: { passwordHash: true }, apiKey: { hash: true } },
  });
}

export type Db = ReturnType<typeof makeClient>;
// What an interactive transaction hands its callback (Prisma's ITXClientDenyList removed).
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

type DbState = { client: Db; adapter: SqlMigrationAwareDriverAdapterFactory; target: string; pglite?: PGlite; pool?: Pool; hotPool?: Pool };

const globalForDb = globalThis as unknown as { controlRoomDb?: DbState };

export function databaseTarget(): { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string } {
  const url = process.env.DATABASE_URL?.trim();
  if (url) return { kind: "postgres", url };
  const dataDir = process.env.CONTROLROOM_DATA_DIR?.trim() || path.join(process.cwd(), ".data", "pg");
  return { kind: "pglite", dataDir };
}

// The database URL with its password hidden, for logs and error lines.
export function describeTarget(): string {
  const target = databaseTarget();
  if (target.kind === "pglite") return target.dataDir === "memory://" ? "embedded PGlite (in memory)" : `embedded PGlite at ${target.dataDir}`;
  try {
    const url = new URL(target.url);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "DATABASE_URL (not a valid URL)";
  }
}

// An in-memory database may start from a dump of one that already has every migration (the
// integration tests: unpacking a dump is several times faster than initdb plus the migrations).
let memoryTemplate: Blob | undefined;

/** Before the first query: in-memory PGlite databases start as a copy of this dump (dumpDataDir). */
export function useMemoryTemplate(dump: Blob): void {
  memoryTemplate = dump;
}

function open(): DbState {
  const target = databaseTarget();
  let adapter: SqlMigrationAwareDriverAdapterFactory;
  let pglite: PGlite | undefined;
  let pool: Pool | undefined;
  let hotPool: Pool | undefined;
  if (target.kind === "postgres") {
    pool = new Pool({ connectionString: target.url, max: poolSize(process.env.DATABASE_POOL_SIZE, 10) });
    adapter = new PrismaPg(pool);
    // The guard's hot statements (lib/db/sql.ts) get connections of their own: an ingest burst's big
    // inserts or a slow page can hold every connection of Prisma's pool, and agents wait on the guard.
    hotPool = new Pool({ connectionString: target.url, max: poolSize(process.env.CONTROLROOM_GUARD_POOL_SIZE, 4) });
  } else {
    if (target.dataDir !== "memory://") mkdirSync(target.dataDir, { recursive: true });
    pglite =
      target.dataDir !== "memory://"
        ? openPGlite(target.dataDir)
        : memoryTemplate
          ? openPGlite(undefined, { loadDataDir: memoryTemplate })
          : openPGlite();
    adapter = new PrismaPGlite(pglite);
  }
  const client = makeClient(adapter);
  return { client, adapter, target: describeTarget(), pglite, pool, hotPool };
}

function poolSize(value: string | undefined, fallback: number): number {
  const size = Number(value);
  return Number.isInteger(size) && size > 0 ? size : fallback;
}

function state(): DbState {
  globalForDb.controlRoomDb ??= open();
  return globalForDb.controlRoomDb;
}

export function db(): Db {
  return state().client;
}

export function dbAdapter(): SqlMigrationAwareDriverAdapterFactory {
  return state().adapter;
}

// The guard's PostgreSQL pool, apart from Prisma's (undefined on the embedded database).
export function hotPool(): Pool | undefined {
  return state().hotPool;
}

// The PostgreSQL pools if the database is open (for GET /metrics): never opens it, and none on PGlite.
export function openPools(): { prisma?: Pool; guard?: Pool } {
  const current = globalForDb.controlRoomDb;
  return { prisma: current?.pool, guard: current?.hotPool };
}

// The embedded PGlite instance (undefined on PostgreSQL): LISTEN must use the same instance the writers use.
export function embeddedDatabase(): PGlite | undefined {
  return state().pglite;
}

export async function closeDb(): Promise<void> {
  const current = globalForDb.controlRoomDb;
  globalForDb.controlRoomDb = undefined;
  if (!current) return;
  await current.client.$disconnect();
  await current.pool?.end().catch(() => {});
  await current.hotPool?.end().catch(() => {});
  await current.pglite?.close();
}
