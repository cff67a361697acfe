import { describe, expect, it } from "vitest";
import { auditKeyId, type AuditKey } from "./audit-key";
import { checkAnchors, type SourcedCheckpoint } from "./check-anchors";
import { signCheckpoint } from "./checkpoint";
import type { ChainWalk, HeadObservation } from "./verify-chain";

const key: AuditKey = { secret: Buffer.from("unit-test-audit-key"), id: auditKeyId(Buffer.from("unit-test-audit-key")), source: "test" };
const hashOf = (seq: number) => seq.toString(16).padStart(64, "0");

// A log whose entries have seqs `seqs` (hash = the seq in hex), as the chain walk reports it.
function walkOf(seqs: number[], wanted: number[]): ChainWalk {
  const observed = new Map<string, HeadObservation>();
  for (const seq of wanted) {
    const upTo = seqs.filter((s) => s <= seq).length;
    observed.set(String(seq), { hash: seqs.includes(seq) ? hashOf(seq) : null, entriesUpTo: upTo });
  }
  return { checked: seqs.length, ok: true, total: seqs.length, lastSeq: seqs.length ? BigInt(Math.max(...seqs)) : null, observed };
}

const checkpointAt = (seq: number, entries = seq, source = "file", at = `2026-12-06T00:00:${String(seq % 60).padStart(2, "0")}.000Z`): SourcedCheckpoint => ({
  ...signCheckpoint({ database: "db", at, lastSeq: String(seq), entries, headHash: hashOf(seq) }, key),
  sources: [source],
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("checkAnchors", () => {
  it("holds for an untouched log, counting the entries after the newest checkpoint as unanchored", () => {
    const report = checkAnchors(walkOf(range(1, 12), [5, 10]), [checkpointAt(5), checkpointAt(10)], key);
    expect(report).toMatchObject({ checkpoints: 2, unanchored: 2, problems: [] });
    expect(report.newest?.lastSeq).toBe("10");
  });

  it("counts one checkpoint read from two sources once, naming both", () => {
    const report = checkAnchors(walkOf(range(1, 5), [5]), [checkpointAt(5, 5, "the table"), checkpointAt(5, 5, "anchors.jsonl")], key);
    expect(report.checkpoints).toBe(1);
    expect(report.newest?.sources).toEqual(["the table", "anchors.jsonl"]);
  });

  it.each([
    ["truncated", [], /the audit log is empty/],
    ["tail-deleted", range(1, 7), /the newest entries were deleted.*ends at #7 with 7/],
    ["entry-missing", [...range(1, 9), 11], /entry #10, the head recorded by .*, is gone/],
  ])("reports %s", (kind, seqs, message) => {
    const report = checkAnchors(walkOf(seqs, [10]), [checkpointAt(10)], key);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ kind });
    expect(report.problems[0].message).toMatch(message);
    expect(report.newest).toBeNull();
  });

  it("reports a different hash at the checkpoint's seq as a rewrite, and a different count as deleted or inserted entries", () => {
    const rewritten = walkOf(range(1, 10), [10]);
    rewritten.observed.set("10", { hash: "e".repeat(64), entriesUpTo: 10 });
    expect(checkAnchors(rewritten, [checkpointAt(10)], key).problems[0]).toMatchObject({ kind: "rewritten" });
    const thinned = walkOf([1, 2, 4, 5, 6, 7, 8, 9, 10], [10]);
    expect(checkAnchors(thinned, [checkpointAt(10)], key).problems[0].message).toMatch(/there are 9 entries up to #10, but .* recorded 10/);
  });

  it("reports the newest failing checkpoint of each kind and how many older ones agree, keeping the newest good one", () => {
    const seqs = range(1, 6);
    const report = checkAnchors(walkOf(seqs, [3, 8, 9, 10]), [checkpointAt(3), checkpointAt(8), checkpointAt(9), checkpointAt(10)], key);
    expect(report.problems).toEqual([expect.objectContaining({ kind: "tail-deleted", olderAlike: 2 })]);
    expect(report.problems[0].checkpoint.lastSeq).toBe("10");
    expect(report.newest?.lastSeq).toBe("3");
    expect(report.unanchored).toBe(3);
  });
});
