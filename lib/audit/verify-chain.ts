import type { Db } from "../db/client";
import type { AuditKey } from "./audit-key";
import { checkAnchors, type AnchorReport, type SourcedCheckpoint } from "./check-anchors";
import { GENESIS_HASH, hashAuditEntry } from "./hash";

export type ChainProblem = {
  seq: string;
  kind: "edited" | "broken-link";
  message: string;
};

// checked: entries verified before the first problem.
export type ChainReport = { checked: number; ok: boolean; firstProblem?: ChainProblem };

// What the table holds at a checkpoint's seq: that entry's hash (null when there is no such entry) and
// how many entries there are up to it.
export type HeadObservation = { hash: string | null; entriesUpTo: number };

export type ChainWalk = ChainReport & { total: number; lastSeq: bigint | null; observed: Map<string, HeadObservation> };

const BATCH = 1000;

// Recomputes every entry's hash in chain order and reports the first entry that does not match. The
// walk goes on to the end, noting what the table holds at each of `checkpointSeqs`: a chain edited and
// recomputed from some entry on is consistent in itself, and only a checkpoint can tell.
export async function walkAuditChain(client: Db, checkpointSeqs: bigint[] = []): Promise<ChainWalk> {
  const wanted = [...new Set(checkpointSeqs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const observed = new Map<string, HeadObservation>();
  let next = 0;
  let prevHash = GENESIS_HASH;
  let total = 0;
  let lastSeq: bigint | null = null;
  let firstProblem: ChainProblem | undefined;
  let checked = 0;
  let after: bigint | undefined;
  for (;;) {
    const rows = await client.auditEntry.findMany({ where: after === undefined ? {} : { seq: { gt: after } }, orderBy: { seq: "asc" }, take: BATCH });
    for (const row of rows) {
      for (; next < wanted.length && wanted[next] < row.seq; next += 1) observed.set(wanted[next].toString(), { hash: null, entriesUpTo: total });
      total += 1;
      if (next < wanted.length && wanted[next] === row.seq) observed.set(wanted[next++].toString(), { hash: row.hash, entriesUpTo: total });
      lastSeq = row.seq;
      if (!firstProblem) {
        if (row.prevHash !== prevHash) {
          firstProblem = problem(row.seq, "broken-link", "its previous-hash does not match the entry before it (an entry was removed, inserted or reordered)");
        } else if (hashOf(row) !== row.hash) {
          firstProblem = problem(row.seq, "edited", "its content does not match its hash (the entry was edited)");
        } else {
          checked += 1;
        }
      }
      prevHash = row.hash;
    }
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1].seq;
  }
  for (; next < wanted.length; next += 1) observed.set(wanted[next].toString(), { hash: null, entriesUpTo: total });
  return { checked, ok: !firstProblem, ...(firstProblem ? { firstProblem } : {}), total, lastSeq, observed };
}

// The chain alone: catches an entry edited, removed or inserted without rewriting what follows.
export async function verifyAuditChain(client: Db): Promise<ChainReport> {
  const { checked, ok, firstProblem } = await walkAuditChain(client);
  return { checked, ok, ...(firstProblem ? { firstProblem } : {}) };
}

export type AuditLogReport = { ok: boolean; total: number; chain: ChainReport; anchors: AnchorReport };

// The chain and its anchors: also catches the newest entries deleted, the chain edited and recomputed,
// and the table emptied, up to the newest checkpoint.
export async function verifyAuditLog(client: Db, options: { key: AuditKey; checkpoints: SourcedCheckpoint[] }): Promise<AuditLogReport> {
  const walk = await walkAuditChain(client, options.checkpoints.map((checkpoint) => BigInt(checkpoint.lastSeq)));
  const anchors = checkAnchors(walk, options.checkpoints, options.key);
  const chain: ChainReport = { checked: walk.checked, ok: walk.ok, ...(walk.firstProblem ? { firstProblem: walk.firstProblem } : {}) };
  return { ok: chain.ok && anchors.problems.length === 0, total: walk.total, chain, anchors };
}

type Row = Awaited<ReturnType<Db["auditEntry"]["findMany"]>>[number];

function hashOf(row: Row): string {
  return hashAuditEntry({
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
}

function problem(seq: bigint, kind: ChainProblem["kind"], message: string): ChainProblem {
  return { seq: seq.toString(), kind, message: `audit entry #${seq}: ${message}` };
}
