import type { Db, Tx } from "../db/client";
import type { AuditKey } from "./audit-key";
import { appendAnchor } from "./anchor-file";
import { signCheckpoint, type SignedCheckpoint } from "./checkpoint";

export type CheckpointTarget = { key: AuditKey; database: string; anchorFile: string | null };

type Head = { seq: bigint; hash: string; entries: bigint };

// Signs the chain's current head and records it: first in the anchor file (outside the database, the
// copy its owner cannot touch), then in audit_checkpoints (the copy every replica and verifier sees).
// Nothing is written for an empty log, nor when the head is still `unchangedSince` (the last one this
// process wrote). One statement reads the head and counts the entries up to it, so both are from one
// snapshot; appends are serialised (record-audit.ts), so no earlier entry can commit after it.
export async function writeAuditCheckpoint(client: Db | Tx, target: CheckpointTarget, unchangedSince?: SignedCheckpoint | null): Promise<SignedCheckpoint | null> {
  const [head] = await client.$queryRaw<Head[]>`
    SELECT e.seq, e.hash, (SELECT count(*) FROM audit_entries WHERE seq <= e.seq) AS entries
    FROM audit_entries e ORDER BY e.seq DESC LIMIT 1`;
  if (!head) return null;
  if (unchangedSince && unchangedSince.lastSeq === head.seq.toString() && unchangedSince.headHash === head.hash) return null;
  const checkpoint = signCheckpoint(
    { database: target.database, at: new Date().toISOString(), lastSeq: head.seq.toString(), entries: Number(head.entries), headHash: head.hash },
    target.key,
  );
  if (target.anchorFile) appendAnchor(target.anchorFile, checkpoint);
  await client.auditCheckpoint.create({
    data: {
      at: new Date(checkpoint.at),
      database: checkpoint.database,
      lastSeq: BigInt(checkpoint.lastSeq),
      entries: BigInt(checkpoint.entries),
      headHash: checkpoint.headHash,
      keyId: checkpoint.keyId,
      signature: checkpoint.signature,
    },
  });
  return checkpoint;
}
