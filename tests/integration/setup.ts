import { readFileSync } from "node:fs";
import { afterAll, beforeAll, inject } from "vitest";
import { closeDb, databaseTarget, db, useMemoryTemplate } from "../../lib/db/client";
import { prepareDatabase } from "../../lib/db/prepare";
import { assertTestDatabase } from "./database-guard";
import { ensureTestPrices } from "./default-prices";
// Every domain's reactions to events, as the server registers them at start-up.
import "../../lib/subscriptions";

// Runs in every integration test file's own process, before its tests.
const target = process.env.CONTROLROOM_TEST_TARGET;
if (target === "pglite") {
  // An empty DATABASE_URL would still count as "set" for tools that only check presence.
  delete process.env.DATABASE_URL;
  process.env.CONTROLROOM_DATA_DIR = "memory://";
  // A dump of a migrated database (global-setup-pglite.ts); prepareDatabase below then finds nothing to apply.
  useMemoryTemplate(new Blob([readFileSync(inject("pgliteTemplate"))]));
} else if (target === "postgres") {
  assertTestDatabase(process.env.DATABASE_URL);
} else {
  throw new Error("Run integration tests through a vitest project (integration-pglite or integration-postgres)");
}
// Demo mode follows from the database alone unless a test sets it.
delete process.env.CONTROLROOM_DEMO;

beforeAll(async () => {
  const kind = databaseTarget().kind;
  if (kind !== target) throw new Error(`Integration project ${target} resolved the ${kind} database`);
  // A fresh in-memory PGlite gets any migration its template lacks; Postgres was migrated once by global-setup.ts.
  if (target === "pglite") await prepareDatabase();
  else await db().$queryRawUnsafe("SELECT 1");
  await ensureTestPrices();
});

afterAll(async () => {
  await closeDb();
});
