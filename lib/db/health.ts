import { db, databaseTarget } from "./client";

const TIMEOUT_MS = 2000;

export async function checkHealth() {
  const kind = databaseTarget().kind;
  const started = Date.now();
  try {
    await Promise.race([
      db().$queryRawUnsafe("SELECT 1"),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), TIMEOUT_MS)),
    ]);
    return { status: "ok" as const, db: { status: "ok" as const, kind, latencyMs: Date.now() - started } };
  } catch (error) {
    return { status: "error" as const, db: { status: "error" as const, kind, error: (error as Error).message.split("\n")[0] } };
  }
}
