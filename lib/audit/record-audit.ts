import type { Tx } from "../db/client";
import { actorOf, type Principal } from "../auth/principal";
import { GENESIS_HASH, hashAuditEntry } from "./hash";

export type AuditInput = {
  action: string;
  targetType: string;
  targetId?: string | null;
  teamId?: string | null;
  before?: unknown;
  after?: unknown;
};

// Serialises appends to the chain across connections and replicas for the length of the transaction.
const AUDIT_LOCK_KEY = 727274;

// Appends one entry to the hash chain. Call it inside the transaction of the change it records.
export async function recordAudit(tx: Tx, principal: Principal, input: AuditInput) {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  const fields = {
    at: new Date().toISOString(),
    ...actorOf(principal),
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    teamId: input.teamId ?? null,
    before: plain(input.before),
    after: plain(input.after),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = hashAuditEntry(fields);
  return tx.auditEntry.create({
    data: {
      ...fields,
      at: new Date(fields.at),
      before: fields.before ?? undefined,
      after: fields.after ?? undefined,
      hash,
    },
  });
}

// Dates become ISO strings and undefined fields disappear, exactly as they will read back from jsonb.
function plain(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value));
}
