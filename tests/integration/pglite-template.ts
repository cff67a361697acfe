import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, readdir, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { openPGlite } from "../../lib/db/pglite-options";
import { applyMigrations } from "../../lib/db/schema-engine";

// integration-pglite: every test file gets a fresh in-memory database. Creating one runs initdb and
// then every migration through the WASM schema engine (10–15 s a file on a busy 2-core machine);
// unpacking a dump of a migrated database takes a fraction of that. The dump is made once per run
// of the migrations it holds (keyed by their contents), in the machine's temporary directory.

const MIGRATIONS_DIR = "prisma/migrations";

async function migrationsKey(): Promise<string> {
  const hash = createHash("sha256");
  const entries = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((entry) => entry.isDirectory());
  for (const name of entries.map((entry) => entry.name).sort()) {
    const file = path.join(MIGRATIONS_DIR, name, "migration.sql");
    if (existsSync(file)) hash.update(name).update(await readFile(file));
  }
  return hash.digest("hex").slice(0, 16);
}

/** The path of a dump of an in-memory database holding every migration, made when missing. */
export async function migratedTemplate(): Promise<string> {
  const file = path.join(os.tmpdir(), `controlroom-pglite-${await migrationsKey()}.tar`);
  if (existsSync(file)) return file;
  const pglite = openPGlite();
  await applyMigrations(new PrismaPGlite(pglite));
  const dump = await pglite.dumpDataDir("none");
  await pglite.close();
  // Written beside its final name and renamed, so a concurrent run never reads half a file.
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
  await rename(partial, file);
  return file;
}
