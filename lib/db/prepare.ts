import { applyMigrations } from "./schema-engine";
import { db, dbAdapter, describeTarget } from "./client";

export class DatabaseUnreachableError extends Error {}

// Reach the database (one clear line when it can't be reached), then apply pending migrations.
export async function prepareDatabase(log: (line: string) => void = () => {}): Promise<string[]> {
  try {
    await db().$queryRawUnsafe("SELECT 1");
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new DatabaseUnreachableError(`Control Room cannot reach the database at ${describeTarget()}: ${reason}`);
  }
  const applied = await applyMigrations(dbAdapter());
  if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
  return applied;
}
