import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";
import { databaseTarget } from "../db/client";
import { parseCheckpoint, type SignedCheckpoint } from "./checkpoint";

// The anchor file: one signed checkpoint per line (JSON), only ever appended to. It lives outside the
// database, so whoever owns the database cannot rewrite it. Put it where that owner has no write
// access (CONTROLROOM_AUDIT_ANCHOR_FILE: another disk or host, a file made append-only with
// `chattr +a`, a directory your log shipper copies off the machine).

// Default .data/audit-anchors.jsonl; none for a throwaway in-memory database unless one is set.
export function anchorFilePath(): string | null {
  const configured = process.env.CONTROLROOM_AUDIT_ANCHOR_FILE?.trim();
  if (configured) return path.resolve(configured);
  const target = databaseTarget();
  if (target.kind === "pglite" && target.dataDir === "memory://") return null;
  return path.join(process.cwd(), ".data", "audit-anchors.jsonl");
}

// Which database a checkpoint is about, from this process's configuration (never from the database
// itself, which its owner could change): one anchor file may serve several databases.
export function databaseLabel(): string {
  const target = databaseTarget();
  if (target.kind === "pglite") return target.dataDir === "memory://" ? "pglite:memory" : `pglite:${path.resolve(target.dataDir)}`;
  try {
    const url = new URL(target.url);
    return `postgresql://${url.hostname.toLowerCase()}:${url.port || "5432"}${url.pathname}`;
  } catch {
    return "postgresql:(unparsable DATABASE_URL)";
  }
}

// Appended and flushed to disk before the checkpoint counts as written.
export function appendAnchor(file: string, checkpoint: SignedCheckpoint): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, "a", 0o600);
  try {
    writeSync(fd, `${JSON.stringify(checkpoint)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export type AnchorFileContents = { checkpoints: SignedCheckpoint[]; malformedLines: number; missing: boolean };

export function readAnchorFile(file: string): AnchorFileContents {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { checkpoints: [], malformedLines: 0, missing: true };
    throw error;
  }
  const checkpoints: SignedCheckpoint[] = [];
  let malformedLines = 0;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    let parsed: SignedCheckpoint | null = null;
    try {
      parsed = parseCheckpoint(JSON.parse(line));
    } catch {
      parsed = null;
    }
    if (parsed) checkpoints.push(parsed);
    else malformedLines += 1;
  }
  return { checkpoints, malformedLines, missing: false };
}
