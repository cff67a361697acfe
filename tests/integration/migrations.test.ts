import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { inMemoryMigrationAdapter, openPGlite } from "../../lib/db/pglite-options";
import { applyMigrations, diffMigrationsToSchema, readMigrations } from "../../lib/db/schema-engine";
import { db, dbAdapter } from "../../lib/db/client";

// The SQL left once comments and blank lines are removed: what a new migration would have to run.
const statementsOf = (sql: string) =>
  sql
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("--"))
    .join("\n");

const freshShadow = () => inMemoryMigrationAdapter();

// Each test replays every migration into a fresh embedded database through the WASM schema engine:
// 10–15 s on a quiet machine, and the list grows with every issue; a busy CI machine needs more.
vi.setConfig({ testTimeout: 120_000 });

// These tests build databases of their own (never the project's target): once, in the PGlite project.
const onOwnDatabases = describe.skipIf(process.env.CONTROLROOM_TEST_TARGET === "postgres");

onOwnDatabases("migrations and schema.prisma", () => {
  it("agree: the diff from the migrations to schema.prisma has no SQL statements", async () => {
    const sql = await diffMigrationsToSchema(freshShadow());
    expect(statementsOf(sql)).toBe("");
  });

  describe("when schema.prisma has changed without a migration", () => {
    const projectDir = process.cwd();
    let scratch: string | undefined;
    afterEach(async () => {
      process.chdir(projectDir);
      if (scratch) await rm(scratch, { recursive: true, force: true });
      scratch = undefined;
    });

    it("the diff is not empty (so the check above can fail)", async () => {
      scratch = await mkdtemp(path.join(os.tmpdir(), "controlroom-schema-"));
      await cp(path.join(projectDir, "prisma"), path.join(scratch, "prisma"), { recursive: true });
      await cp(path.join(projectDir, "package.json"), path.join(scratch, "package.json"));
      await symlink(path.join(projectDir, "node_modules"), path.join(scratch, "node_modules"), "dir");
      const schemaFile = path.join(scratch, "prisma", "schema.prisma");
      const schema = await readFile(schemaFile, "utf8");
      const changed = schema.replace(/(model Team \{\n)/, "$1  colour String @default(\"blue\")\n");
      expect(changed).not.toBe(schema);
      await writeFile(schemaFile, changed);
      process.chdir(scratch);
      const sql = statementsOf(await diffMigrationsToSchema(freshShadow()));
      expect(sql).toMatch(/ALTER TABLE "teams"/);
      expect(sql).toMatch(/"colour"/);
    });
  });
});

describe("applying migrations", () => {
  const onOwnDatabase = it.skipIf(process.env.CONTROLROOM_TEST_TARGET === "postgres");
  onOwnDatabase("applies every migration to an empty database once, and nothing the second time", async () => {
    const pglite = openPGlite();
    try {
      const adapter = new PrismaPGlite(pglite);
      const names = (await readMigrations()).migrationDirectories.map((dir) => dir.path);
      expect(names.length).toBeGreaterThan(0);
      expect(await applyMigrations(adapter)).toEqual(names);
      expect(await applyMigrations(adapter)).toEqual([]);
      const recorded = await pglite.query<{ migration_name: string; finished_at: Date | null }>(
        "SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name",
      );
      expect(recorded.rows.map((row) => row.migration_name)).toEqual(names);
      expect(recorded.rows.every((row) => row.finished_at !== null)).toBe(true);
    } finally {
      await pglite.close();
    }
  });

  it("finds nothing pending on the test database, which has every table of the schema", async () => {
    expect(await applyMigrations(dbAdapter())).toEqual([]);
    const tables = await db().$queryRawUnsafe<{ table_name: string }[]>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name",
    );
    expect(tables.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(["agents", "api_keys", "audit_entries", "memberships", "teams", "users"]),
    );
  });
});
