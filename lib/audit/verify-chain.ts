import type { Db } from "../db/client";
import { GENESIS_HASH, hashAuditEntry } from "./hash";

export type ChainProblem = {
  seq: string;
  kind: "edited" | "broken-link";
  message: string;
};

export type ChainReport = { checked: number; ok: boolean; firstProblem?: ChainProblem };

const BATCH = 1000;

// Recomputes every entry's hash in chain order; stops at the first entry that does not match.
export async function verifyAuditChain(client: Db): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let after: bigint | undefined;
  for (;;) {
    const rows = await client.auditEntry.findMany({
      where: after === undefined ? {} : { seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: BATCH,
    });
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return problem(checked, row.seq, "broken-link", "its previous-hash does not match the entry before it (an entry was removed, inserted or reordered)");
      }
      const expected = hashAuditEntry({
        at: row.at.toISOString(),
        actorType: row.actorType,
        actorId: row.actorId,
        actorLabel: row.actorLabel,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        teamId: row.teamId,
        before: row.before,
        after: row.after,
        prevHash: row.prevHash,
      });
      if (expected !== row.hash) {
        return problem(checked, row.seq, "edited", "its content does not match its hash (the entry was edited)");
      }
      prevHash = row.hash;
      checked += 1;
    }
    if (rows.length < BATCH) return { checked, ok: true };
    after = rows[rows.length - 1].seq;
  }
}

function problem(checked: number, seq: bigint, kind: ChainProblem["kind"], message: string): ChainReport {
  return { checked, ok: false, firstProblem: { seq: seq.toString(), kind, message: `audit entry #${seq}: ${message}` } };
}
