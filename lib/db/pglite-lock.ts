import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { databaseTarget } from "./client";

// The embedded database serves one process at a time. The server records its pid beside the data;
// command-line tools refuse to open the data while that process is alive.
function lockFile(): string | null {
  const target = databaseTarget();
  if (target.kind !== "pglite" || target.dataDir === "memory://") return null;
  return `${target.dataDir.replace(/\/$/, "")}.pid`;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export function holdEmbeddedDatabase(): void {
  const file = lockFile();
  if (!file) return;
  assertEmbeddedDatabaseFree();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, String(process.pid));
  process.once("exit", () => rmSync(file, { force: true }));
}

export function assertEmbeddedDatabaseFree(): void {
  const file = lockFile();
  if (!file) return;
  let pid = 0;
  try {
    pid = Number(readFileSync(file, "utf8"));
  } catch {
    return;
  }
  if (pid && pid !== process.pid && alive(pid)) {
    throw new Error(
      `The embedded database (${path.dirname(file)}) is in use by Control Room (pid ${pid}). Stop the server first, or use PostgreSQL (DATABASE_URL).`,
    );
  }
}
