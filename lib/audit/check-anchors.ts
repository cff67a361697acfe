import type { AuditKey } from "./audit-key";
import { hasValidSignature, type SignedCheckpoint } from "./checkpoint";
import type { ChainWalk } from "./verify-chain";

// Compares what the audit table holds with the signed checkpoints of its head. Pure: the caller walks
// the chain (verify-chain.ts) and gathers the checkpoints (load-checkpoints.ts).

export type SourcedCheckpoint = SignedCheckpoint & { sources: string[] };

export type AnchorProblemKind = "bad-signature" | "truncated" | "tail-deleted" | "entry-missing" | "rewritten" | "count-mismatch";

export type AnchorProblem = {
  kind: AnchorProblemKind;
  message: string;
  checkpoint: SourcedCheckpoint;
  // Older checkpoints that disagree the same way (the newest one is reported).
  olderAlike: number;
};

export type AnchorReport = {
  checkpoints: number;
  // The newest checkpoint that holds: what the log is anchored up to.
  newest: SourcedCheckpoint | null;
  // Entries after the newest good checkpoint: their deletion or rewrite is not detectable yet.
  unanchored: number;
  problems: AnchorProblem[];
};

const order: AnchorProblemKind[] = ["truncated", "tail-deleted", "entry-missing", "rewritten", "count-mismatch", "bad-signature"];
const short = (hash: string) => hash.slice(0, 12);
const bySeqThenTime = (a: SignedCheckpoint, b: SignedCheckpoint) => {
  const seqA = BigInt(a.lastSeq);
  const seqB = BigInt(b.lastSeq);
  return seqA !== seqB ? (seqA > seqB ? -1 : 1) : b.at.localeCompare(a.at);
};

function judge(walk: ChainWalk, checkpoint: SourcedCheckpoint, key: AuditKey): { kind: AnchorProblemKind; message: string } | null {
  const named = `the checkpoint of ${checkpoint.at} (${checkpoint.sources.join(" and ")})`;
  if (!hasValidSignature(checkpoint, key)) {
    const otherKey = checkpoint.keyId !== key.id ? `, or it was signed with another key (its key id ${checkpoint.keyId}, this key's ${key.id}: every replica and the verifier need the same CONTROLROOM_AUDIT_KEY)` : "";
    return { kind: "bad-signature", message: `${named}, up to #${checkpoint.lastSeq}, has an invalid signature: it was forged or altered${otherKey}` };
  }
  const seen = walk.observed.get(checkpoint.lastSeq) ?? { hash: null, entriesUpTo: walk.total };
  if (seen.hash === null) {
    if (walk.total === 0) {
      return { kind: "truncated", message: `the audit log is empty, but ${named} recorded ${checkpoint.entries} entries up to #${checkpoint.lastSeq}: the table was emptied (TRUNCATE or DELETE past its triggers)` };
    }
    if (walk.lastSeq !== null && walk.lastSeq < BigInt(checkpoint.lastSeq)) {
      return {
        kind: "tail-deleted",
        message: `the newest entries were deleted: ${named} recorded ${checkpoint.entries} entries up to #${checkpoint.lastSeq}, but the log now ends at #${walk.lastSeq} with ${walk.total}`,
      };
    }
    return { kind: "entry-missing", message: `entry #${checkpoint.lastSeq}, the head recorded by ${named}, is gone: entries were deleted (and later ones kept or added)` };
  }
  if (seen.hash !== checkpoint.headHash) {
    return {
      kind: "rewritten",
      message: `entry #${checkpoint.lastSeq} is not the one ${named} signed (hash ${short(seen.hash)}…, signed ${short(checkpoint.headHash)}…): entries up to #${checkpoint.lastSeq} were edited and every later hash recomputed`,
    };
  }
  if (seen.entriesUpTo !== checkpoint.entries) {
    return { kind: "count-mismatch", message: `there are ${seen.entriesUpTo} entries up to #${checkpoint.lastSeq}, but ${named} recorded ${checkpoint.entries}: entries before it were deleted or inserted` };
  }
  return null;
}

// The same checkpoint read from the table and from a file counts once, with both sources named.
export function mergeCheckpoints(checkpoints: SourcedCheckpoint[]): SourcedCheckpoint[] {
  const merged = new Map<string, SourcedCheckpoint>();
  for (const checkpoint of checkpoints) {
    const { database, at, lastSeq, entries, headHash, keyId, signature } = checkpoint;
    const identity = JSON.stringify([database, at, lastSeq, entries, headHash, keyId, signature]);
    const known = merged.get(identity);
    if (known) known.sources = [...new Set([...known.sources, ...checkpoint.sources])];
    else merged.set(identity, { ...checkpoint, sources: [...checkpoint.sources] });
  }
  return [...merged.values()];
}

export function checkAnchors(walk: ChainWalk, checkpoints: SourcedCheckpoint[], key: AuditKey): AnchorReport {
  const merged = mergeCheckpoints(checkpoints).sort(bySeqThenTime);
  const firstOfKind = new Map<AnchorProblemKind, AnchorProblem>();
  let newest: SourcedCheckpoint | null = null;
  for (const checkpoint of merged) {
    const verdict = judge(walk, checkpoint, key);
    if (!verdict) {
      newest ??= checkpoint;
      continue;
    }
    const known = firstOfKind.get(verdict.kind);
    if (known) known.olderAlike += 1;
    else firstOfKind.set(verdict.kind, { ...verdict, checkpoint, olderAlike: 0 });
  }
  const anchoredEntries = newest ? (walk.observed.get(newest.lastSeq)?.entriesUpTo ?? 0) : 0;
  return {
    checkpoints: merged.length,
    newest,
    unanchored: Math.max(0, walk.total - anchoredEntries),
    problems: order.flatMap((kind) => (firstOfKind.has(kind) ? [firstOfKind.get(kind)!] : [])),
  };
}
