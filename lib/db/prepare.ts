import { applyMigrations } from "./schema-engine";
import { db, dbAdapter, describeTarget } from "./client";

export class DatabaseUnreachableError extends Error {}

// Reach the database (one clear line when it can't be reached), then apply pending migrations.
export async function prepareDatabase(log: (line: string) => void = () => {}): Promise<string[]> {
  try {
    await db().$queryRawUnsafe("SELECT 1");
  } catch (error) {
    const reason = reasonOf(error);
    throw new DatabaseUnreachableError(`Control Room cannot reach the database at ${describeTarget()}: ${reason}`);
  }
  const applied = await applyMigrations(dbAdapter());
  if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
  return applied;
}

// The driver's own words ("Can't reach database server at 127.0.0.1:5432", "database \"x\" does not exist").
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const message = /Message: `([^`]+)`/.exec(text)?.[1];
  return message ?? (text.trim().split("\n").find((line) => line.trim()) ?? "unknown error");
}
