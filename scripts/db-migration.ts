// npm run db:migration -- <name> — write prisma/migrations/<timestamp>_<name>/migration.sql from schema changes.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { inMemoryMigrationAdapter } from "../lib/db/pglite-options";
import { diffMigrationsToSchema, migrationsDir } from "../lib/db/schema-engine";

const name = (process.argv[2] ?? "").trim().toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
if (!name) {
  console.error("usage: npm run db:migration -- <name>   (e.g. add_versions)");
  process.exit(2);
}

const sql = await diffMigrationsToSchema(inMemoryMigrationAdapter());
if (!sql || /^-- This is an empty migration\.?$/m.test(sql)) {
  console.log("schema.prisma and prisma/migrations agree: no migration written.");
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const dir = path.join(migrationsDir(), `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(path.join(migrationsDir(), "migration_lock.toml"), 'provider = "postgresql"\n');
await writeFile(path.join(dir, "migration.sql"), `${sql}\n`);
console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
