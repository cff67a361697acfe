import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

// Three projects:
//   unit                 pure logic beside the code (lib/**/*.test.ts), no database
//   integration-pglite   lib functions on a fresh in-memory PGlite per test file (always)
//   integration-postgres the same files on the Postgres named by DATABASE_URL (only when it is set;
//                        tests/integration/global-setup.ts refuses a database not named for tests)
// (import.meta.dirname needs Node 20.11; package.json allows 20.9.)
const root = path.dirname(fileURLToPath(import.meta.url));
const databaseUrl = process.env.DATABASE_URL?.trim();

const integrationFiles = ["tests/integration/**/*.test.ts"];
// Tests of test tooling that need no database run with the unit tests.
const toolingUnitFiles = ["tests/**/*.unit.test.ts"];

const integrationBase = {
  include: integrationFiles,
  exclude: toolingUnitFiles,
  environment: "node",
  pool: "forks" as const,
  // A new process per file: every file opens its own database client (and PGlite instance).
  isolate: true,
  setupFiles: ["tests/integration/setup.ts"],
};

const projects: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: { name: "unit", include: ["lib/**/*.test.ts", ...toolingUnitFiles], environment: "node" },
  },
  {
    extends: true,
    test: {
      ...integrationBase,
      name: "integration-pglite",
      // DATABASE_URL and CONTROLROOM_DEMO are removed in setup.ts ("" alone would still be inherited).
      env: { CONTROLROOM_TEST_TARGET: "pglite", CONTROLROOM_DATA_DIR: "memory://", DATABASE_URL: "" },
      globalSetup: ["tests/integration/global-setup-pglite.ts"],
    },
  },
];

if (databaseUrl) {
  projects.push({
    extends: true,
    test: {
      ...integrationBase,
      name: "integration-postgres",
      env: { CONTROLROOM_TEST_TARGET: "postgres", DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: "4" },
      globalSetup: ["tests/integration/global-setup.ts"],
      // One shared database: files run one after another.
      fileParallelism: false,
    },
  });
}

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // lib/db/client.ts guards against client bundles; tests run it on the server side.
      "server-only": path.join(root, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    // Vitest's default (cores − 1) leaves one of two cores idle; the workers are mostly WASM-bound
    // (PGlite, schema engine) while the main process waits.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects,
  },
});
