import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, type Db } from "../../lib/db/client";
import { auditKeyId, type AuditKey } from "../../lib/audit/audit-key";
import { appendAnchor } from "../../lib/audit/anchor-file";
import { signCheckpoint } from "../../lib/audit/checkpoint";
import { hashAuditEntry } from "../../lib/audit/hash";
import { loadCheckpoints } from "../../lib/audit/load-checkpoints";
import { verifyAuditLog } from "../../lib/audit/verify-chain";
import { writeAuditCheckpoint, type CheckpointTarget } from "../../lib/audit/write-checkpoint";
import { recordAudit } from "../../lib/audit/record-audit";
import { changeAgentStatus } from "../../lib/agents/change-agent-status";
import { makeAgent, makeTeam, makeUser, system, unique } from "./helpers";

// The audit chain's head is anchored by signed checkpoints kept outside the table (an anchor file, and
// the audit_checkpoints table), so that its owner — who can bypass every trigger — can no longer delete
// the newest entries, edit an entry and recompute every later hash, or empty the table unnoticed.

const DATABASE = "test-database";
const keyOf = (text: string): AuditKey => ({ secret: Buffer.from(text), id: auditKeyId(Buffer.from(text)), source: "test" });
const key = keyOf("the-integration-test-audit-key");

let scratch: string;
let files = 0;
const target = (): CheckpointTarget => ({ key, database: DATABASE, anchorFile: path.join(scratch, `anchors-${(files += 1)}.jsonl`) });

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "controlroom-anchors-"));
  const team = await makeTeam("anchor");
  const operator = await makeUser("operator", [team.id]);
  const agent = await makeAgent(team);
  await changeAgentStatus(operator, agent.slug, "pause", { reason: "anchoring" });
  await changeAgentStatus(operator, agent.slug, "resume");
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

class Rollback extends Error {}

// Everything a test writes or tampers with is rolled back (the PostgreSQL test database is shared).
async function inRolledBackTransaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await db()
    .$transaction(
      async (tx) => {
        result = await fn(tx as unknown as Db);
        throw new Rollback();
      },
      { timeout: 120_000, maxWait: 30_000 },
    )
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return result as T;
}

// The database's owner: triggers do not fire for a session in replica mode.
const asOwner = (tx: Db) => tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");

// What the owner can do that the chain alone cannot catch: rewrite from `seq` on, relinking every hash.
async function editAndRecompute(tx: Db, seq: bigint) {
  const rows = await tx.auditEntry.findMany({ where: { seq: { gte: seq } }, orderBy: { seq: "asc" } });
  const before = await tx.auditEntry.findFirst({ where: { seq: { lt: seq } }, orderBy: { seq: "desc" } });
  let prevHash = before?.hash ?? "0".repeat(64);
  for (const [index, row] of rows.entries()) {
    const after = index === 0 ? { forged: true } : row.after;
    const { actorType, actorId, actorLabel, action, targetType, targetId, teamId } = row;
    const hash = hashAuditEntry({ at: row.at.toISOString(), actorType, actorId, actorLabel, action, targetType, targetId, teamId, before: row.before, after, prevHash });
    await tx.$executeRawUnsafe("UPDATE audit_entries SET after = $1::jsonb, prev_hash = $2, hash = $3 WHERE seq = $4", JSON.stringify(after), prevHash, hash, row.seq);
    prevHash = hash;
  }
}

// The checkpoints a verifier reads: this test's anchor file and the table's rows signed with this key.
async function verify(tx: Db, anchorFile: string | null) {
  const sources = await loadCheckpoints(tx, { files: anchorFile ? [anchorFile] : [], database: DATABASE });
  const checkpoints = sources.checkpoints.filter((checkpoint) => checkpoint.keyId === key.id || checkpoint.sources.some((source) => source === anchorFile));
  return verifyAuditLog(tx, { key, checkpoints });
}

describe("audit checkpoints", () => {
  it("anchor the current head in the file and the table; the log verifies with no entry left unanchored", async () => {
    const result = await inRolledBackTransaction(async (tx) => {
      const where = target();
      const checkpoint = await writeAuditCheckpoint(tx, where);
      const unchanged = await writeAuditCheckpoint(tx, where, checkpoint);
      return { checkpoint, unchanged, report: await verify(tx, where.anchorFile), head: await tx.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } }), count: await tx.auditEntry.count() };
    });
    expect(result.checkpoint).toMatchObject({ lastSeq: result.head.seq.toString(), headHash: result.head.hash, entries: result.count, database: DATABASE, keyId: key.id });
    expect(result.unchanged).toBeNull();
    expect(result.report.ok).toBe(true);
    expect(result.report.anchors).toMatchObject({ checkpoints: 1, unanchored: 0, problems: [] });
    expect(result.report.anchors.newest?.sources).toHaveLength(2);
  });

  it("detect the newest entries deleted by the database's owner", async () => {
    const report = await inRolledBackTransaction(async (tx) => {
      const where = target();
      await writeAuditCheckpoint(tx, where);
      await asOwner(tx);
      const newest = await tx.auditEntry.findMany({ orderBy: { seq: "desc" }, take: 2 });
      await tx.$executeRawUnsafe("DELETE FROM audit_entries WHERE seq >= $1", newest[1].seq);
      // The owner also removes the table's copy of the checkpoint; the file keeps its own.
      await tx.$executeRawUnsafe("DELETE FROM audit_checkpoints");
      return verify(tx, where.anchorFile);
    });
    expect(report.chain.ok).toBe(true);
    expect(report.ok).toBe(false);
    expect(report.anchors.problems.map((problem) => problem.kind)).toEqual(["tail-deleted"]);
    expect(report.anchors.problems[0].message).toMatch(/the newest entries were deleted/);
  });

  it("detect an entry edited and every later hash recomputed", async () => {
    const report = await inRolledBackTransaction(async (tx) => {
      const where = target();
      await writeAuditCheckpoint(tx, where);
      const [, middle] = await tx.auditEntry.findMany({ orderBy: { seq: "desc" }, take: 2 });
      await asOwner(tx);
      await editAndRecompute(tx, middle.seq);
      return verify(tx, where.anchorFile);
    });
    // The chain is consistent in itself: only the anchor can tell.
    expect(report.chain.ok).toBe(true);
    expect(report.ok).toBe(false);
    expect(report.anchors.problems.map((problem) => problem.kind)).toEqual(["rewritten"]);
    expect(report.anchors.problems[0].message).toMatch(/edited and every later hash recomputed/);
  });

  it("detect the table emptied by TRUNCATE", async () => {
    const report = await inRolledBackTransaction(async (tx) => {
      const where = target();
      await writeAuditCheckpoint(tx, where);
      await asOwner(tx);
      await tx.$executeRawUnsafe("TRUNCATE audit_entries, audit_checkpoints");
      return verify(tx, where.anchorFile);
    });
    expect(report.total).toBe(0);
    expect(report.ok).toBe(false);
    expect(report.anchors.problems.map((problem) => problem.kind)).toEqual(["truncated"]);
    expect(report.anchors.problems[0].message).toMatch(/the audit log is empty/);
  });

  it("detect entries deleted before the checkpoint even when new ones were appended since", async () => {
    const report = await inRolledBackTransaction(async (tx) => {
      const where = target();
      const checkpoint = await writeAuditCheckpoint(tx, where);
      await asOwner(tx);
      await tx.$executeRawUnsafe("DELETE FROM audit_entries WHERE seq = $1", BigInt(checkpoint!.lastSeq));
      await tx.$executeRawUnsafe("SET LOCAL session_replication_role = origin");
      // The app goes on appending: the new entry links to what is now the last one, so the chain holds.
      await recordAudit(tx as never, system, { action: "test.after-deletion", targetType: "test", targetId: unique() });
      return verify(tx, where.anchorFile);
    });
    expect(report.chain.ok).toBe(true);
    expect(report.anchors.problems.map((problem) => problem.kind)).toEqual(["entry-missing"]);
  });

  it("refuse a checkpoint forged without the key, and say when one was signed with another key", async () => {
    const report = await inRolledBackTransaction(async (tx) => {
      const where = target();
      const head = await tx.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });
      const body = { database: DATABASE, at: new Date().toISOString(), lastSeq: head.seq.toString(), entries: await tx.auditEntry.count(), headHash: head.hash };
      appendAnchor(where.anchorFile!, { ...signCheckpoint(body, key), signature: "f".repeat(64) });
      appendAnchor(where.anchorFile!, signCheckpoint({ ...body, at: new Date(Date.now() + 1).toISOString() }, keyOf("someone-elses-audit-key")));
      return verify(tx, where.anchorFile);
    });
    expect(report.ok).toBe(false);
    const [problem] = report.anchors.problems;
    expect(problem).toMatchObject({ kind: "bad-signature", olderAlike: 1 });
    expect(problem.message).toMatch(/signed with another key/);
  });

  it("refuse a plain TRUNCATE (statement trigger), and changes to checkpoints", async () => {
    // Each inside a transaction that is rolled back either way: without its trigger, the TRUNCATE
    // would empty the table.
    const refusal = (sql: string) =>
      inRolledBackTransaction(async (tx) => {
        await writeAuditCheckpoint(tx, target());
        return tx.$executeRawUnsafe(sql).then(
          () => "accepted",
          (failure: Error) => failure.message,
        );
      });
    expect(await refusal("TRUNCATE audit_entries")).toMatch(/audit_entries is append-only \(TRUNCATE refused\)/);
    expect(await refusal("TRUNCATE audit_checkpoints")).toMatch(/audit_checkpoints is append-only \(TRUNCATE refused\)/);
    expect(await refusal("DELETE FROM audit_checkpoints")).toMatch(/audit_checkpoints is append-only \(DELETE refused\)/);
    expect(await refusal("UPDATE audit_checkpoints SET entries = entries + 1")).toMatch(/audit_checkpoints is append-only \(UPDATE refused\)/);
  });

  it("say how many entries are newer than the newest checkpoint: those are not anchored yet", async () => {
    const report = await inRolledBackTransaction(async (tx) => {
      const where = target();
      await writeAuditCheckpoint(tx, where);
      for (let i = 0; i < 2; i += 1) await recordAudit(tx as never, system, { action: "test.unanchored", targetType: "test", targetId: unique() });
      return verify(tx, where.anchorFile);
    });
    expect(report.ok).toBe(true);
    expect(report.anchors.unanchored).toBe(2);
  });
});
