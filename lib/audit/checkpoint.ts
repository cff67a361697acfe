import { createHmac, timingSafeEqual } from "node:crypto";
import type { AuditKey } from "./audit-key";
import { canonicalJson } from "./hash";

// A checkpoint says: in `database`, at `at`, the audit chain had `entries` entries up to seq `lastSeq`,
// and that entry's hash was `headHash`. The HMAC over those fields is what the database's owner cannot
// produce without the key. Kept in the audit_checkpoints table and appended to the anchor file.

export type CheckpointBody = {
  database: string;
  at: string;
  lastSeq: string;
  entries: number;
  headHash: string;
};

export type SignedCheckpoint = CheckpointBody & { keyId: string; signature: string };

const FORMAT = "controlroom-audit-checkpoint/1";

function mac(body: CheckpointBody, key: AuditKey): string {
  const { database, at, lastSeq, entries, headHash } = body;
  return createHmac("sha256", key.secret).update(canonicalJson({ format: FORMAT, database, at, lastSeq, entries, headHash })).digest("hex");
}

export function signCheckpoint(body: CheckpointBody, key: AuditKey): SignedCheckpoint {
  return { ...body, keyId: key.id, signature: mac(body, key) };
}

export function hasValidSignature(checkpoint: SignedCheckpoint, key: AuditKey): boolean {
  const expected = Buffer.from(mac(checkpoint, key), "hex");
  const given = Buffer.from(checkpoint.signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// One line of the anchor file, or a table row, as a checkpoint (null when it is not one).
export function parseCheckpoint(value: unknown): SignedCheckpoint | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  const strings = ["database", "at", "lastSeq", "headHash", "keyId", "signature"] as const;
  if (!strings.every((field) => typeof v[field] === "string") || typeof v.entries !== "number") return null;
  if (!/^\d+$/.test(v.lastSeq as string) || !Number.isSafeInteger(v.entries) || (v.entries as number) < 0) return null;
  return { database: v.database, at: v.at, lastSeq: v.lastSeq, entries: v.entries, headHash: v.headHash, keyId: v.keyId, signature: v.signature } as SignedCheckpoint;
}
