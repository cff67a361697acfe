import { createHash } from "node:crypto";

// The fields that make up an audit entry's hash. `seq` is left out: the chain itself orders entries.
export type HashedAuditFields = {
  at: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  teamId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
};

export const GENESIS_HASH = "0".repeat(64);

// JSON with keys sorted at every depth, so Postgres jsonb key reordering does not change the hash.
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function hashAuditEntry(fields: HashedAuditFields): string {
  return createHash("sha256").update(canonicalJson(fields)).digest("hex");
}
