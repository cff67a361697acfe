import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

// Every embedded database is opened with the same extension modules, because migrations create
// extensions (pg_trgm: the trigram index of trace search) and a dump or data directory that holds one
// cannot be read by a PGlite that lacks its module. PostgreSQL ships them as contrib.
export const pgliteExtensions = { pg_trgm };

/** A PGlite with the project's extension modules (in memory when dataDir is omitted). */
export function openPGlite(dataDir?: string, options: Omit<PGliteOptions, "extensions" | "dataDir"> = {}): PGlite {
  return new PGlite({ ...options, dataDir, extensions: pgliteExtensions });
}

/**
 * A migration-aware adapter over an in-memory PGlite whose shadow database (the schema engine's
 * scratch database for diffs) also has the extension modules: the adapter's own shadow lacks them.
 */
export function inMemoryMigrationAdapter(): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPGlite(openPGlite());
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    connectToShadowDb: () => new PrismaPGlite(openPGlite()).connect(),
  };
}
