import { beforeAll, describe, expect, it } from "vitest";
import { db, type Db } from "../../lib/db/client";
import { verifyAuditChain } from "../../lib/audit/verify-chain";
import { listAudit } from "../../lib/audit/list-audit";
import { auditQuerySchema } from "../../lib/audit/schemas";
import { recordAudit } from "../../lib/audit/record-audit";
import { changeAgentStatus } from "../../lib/agents/change-agent-status";
import { updateAgent } from "../../lib/agents/update-agent";
import type { UserPrincipal } from "../../lib/auth/principal";
import { auditOf, expectAppError, makeAgent, makeTeam, makeUser, system, unique, type TestTeam } from "./helpers";

const TRIGGER = "audit_entries_no_update_delete";

let teamA: TestTeam;
let teamB: TestTeam;
let admin: UserPrincipal;
let agentA: Awaited<ReturnType<typeof makeAgent>>;
let agentB: Awaited<ReturnType<typeof makeAgent>>;

beforeAll(async () => {
  teamA = await makeTeam("audit-a");
  teamB = await makeTeam("audit-b");
  admin = await makeUser("admin", []);
  agentA = await makeAgent(teamA);
  agentB = await makeAgent(teamB);
  const operator = await makeUser("operator", [teamA.id, teamB.id]);
  await changeAgentStatus(operator, agentA.slug, "pause", { reason: "investigating" });
  await changeAgentStatus(operator, agentA.slug, "resume");
  await updateAgent(admin, agentB.slug, { description: "nested { \"json\": [1, 2] } and ünïcode" });
});

class Rollback extends Error {}

// Runs `fn` in a transaction that is always rolled back, so a tampered row never outlives the test
// (the Postgres test database is shared between runs).
async function inRolledBackTransaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await db()
    .$transaction(
      async (tx) => {
        result = await fn(tx as unknown as Db);
        throw new Rollback();
      },
      { timeout: 60_000, maxWait: 30_000 },
    )
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return result as T;
}

async function tamper(tx: Db, sql: string, ...values: unknown[]) {
  await tx.$executeRawUnsafe(`ALTER TABLE audit_entries DISABLE TRIGGER ${TRIGGER}`);
  await tx.$executeRawUnsafe(sql, ...values);
  await tx.$executeRawUnsafe(`ALTER TABLE audit_entries ENABLE TRIGGER ${TRIGGER}`);
}

describe("the audit chain", () => {
  it("verifies after a series of mutations", async () => {
    const report = await verifyAuditChain(db());
    expect(report.ok).toBe(true);
    expect(report.firstProblem).toBeUndefined();
    expect(report.checked).toBeGreaterThanOrEqual(7);
    expect(report.checked).toBe(await db().auditEntry.count());
  });

  it("links each entry to the one before it", async () => {
    const entries = await db().auditEntry.findMany({ orderBy: { seq: "desc" }, take: 5 });
    for (let i = 0; i < entries.length - 1; i += 1) expect(entries[i].prevHash).toBe(entries[i + 1].hash);
  });

  it("detects an edited row and names its seq", async () => {
    const [, pause] = await auditOf(agentA.id);
    expect(pause.action).toBe("agent.pause");
    const report = await inRolledBackTransaction(async (tx) => {
      await tamper(tx, "UPDATE audit_entries SET after = $1::jsonb WHERE seq = $2", JSON.stringify({ slug: agentA.slug, status: "active" }), pause.seq);
      return verifyAuditChain(tx);
    });
    expect(report.ok).toBe(false);
    expect(report.firstProblem).toMatchObject({ seq: pause.seq.toString(), kind: "edited" });
    expect(report.firstProblem?.message).toContain(`#${pause.seq}`);
    expect(report.checked).toBe(await db().auditEntry.count({ where: { seq: { lt: pause.seq } } }));
    // The rollback left the real chain intact.
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it("detects an edited actor, time or action, not only the payload", async () => {
    const [created] = await auditOf(agentB.id);
    const edits = [
      ["UPDATE audit_entries SET actor_label = 'someone-else' WHERE seq = $1"],
      ["UPDATE audit_entries SET at = at + interval '1 second' WHERE seq = $1"],
      ["UPDATE audit_entries SET action = 'agent.noop' WHERE seq = $1"],
    ];
    for (const [sql] of edits) {
      const report = await inRolledBackTransaction(async (tx) => {
        await tamper(tx, sql, created.seq);
        return verifyAuditChain(tx);
      });
      expect(report.firstProblem, sql).toMatchObject({ seq: created.seq.toString(), kind: "edited" });
    }
  });

  it("detects a deleted row as a broken link at the entry after it", async () => {
    const [, pause, resume] = await auditOf(agentA.id);
    const next = await db().auditEntry.findFirstOrThrow({ where: { seq: { gt: pause.seq } }, orderBy: { seq: "asc" } });
    expect(next.seq).toBeLessThanOrEqual(resume.seq);
    const report = await inRolledBackTransaction(async (tx) => {
      await tamper(tx, "DELETE FROM audit_entries WHERE seq = $1", pause.seq);
      return verifyAuditChain(tx);
    });
    expect(report.ok).toBe(false);
    expect(report.firstProblem).toMatchObject({ seq: next.seq.toString(), kind: "broken-link" });
  });

  it("refuses a plain UPDATE or DELETE (append-only trigger)", async () => {
    const [entry] = await auditOf(agentA.id);
    await expect(db().$executeRawUnsafe("UPDATE audit_entries SET action = 'x' WHERE seq = $1", entry.seq)).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe("DELETE FROM audit_entries WHERE seq = $1", entry.seq)).rejects.toThrow(/append-only/);
    await expect(db().auditEntry.update({ where: { seq: entry.seq }, data: { action: "x" } })).rejects.toThrow(/append-only/);
    expect((await db().auditEntry.findUniqueOrThrow({ where: { seq: entry.seq } })).action).toBe("agent.create");
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it("hashes entries whose payload holds dates, nested objects and undefined fields so they still verify", async () => {
    await db().$transaction((tx) =>
      recordAudit(tx, system, {
        action: "test.payload",
        targetType: "test",
        targetId: unique(),
        before: { at: new Date(), list: [{ b: 1, a: undefined }], z: null },
        after: { nested: { y: "2", x: [true, false] } },
      }),
    );
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});

describe("listAudit", () => {
  const query = (input: Record<string, unknown> = {}) => auditQuerySchema.parse(input);

  it.each(["viewer", "operator", "developer"] as const)("is forbidden to a %s", async (role) => {
    const principal = await makeUser(role, [teamA.id]);
    await expectAppError(listAudit(principal, query()), "forbidden");
  });

  it("is open to reviewers (their teams' entries and entries without a team) and admins (everything)", async () => {
    const reviewer = await makeUser("reviewer", [teamA.id]);
    const reviewed = await listAudit(reviewer, query({ limit: 200 }));
    expect(reviewed.entries.length).toBeGreaterThan(0);
    expect(reviewed.entries.every((entry) => entry.teamId === null || entry.teamId === teamA.id)).toBe(true);
    const byReviewer = await listAudit(reviewer, query({ targetType: "agent", action: "agent.pause" }));
    expect(byReviewer.entries.map((entry) => entry.targetId)).toContain(agentA.id);

    const hidden = await listAudit(reviewer, query({ action: "agent.update", limit: 200 }));
    expect(hidden.entries.map((entry) => entry.targetId)).not.toContain(agentB.id);
    const all = await listAudit(admin, query({ action: "agent.update", limit: 200 }));
    expect(all.entries.map((entry) => entry.targetId)).toContain(agentB.id);
  });

  it("filters by action, actor, target type and time, newest first", async () => {
    const actor = await makeUser("operator", [teamA.id], `actor${unique()}`);
    const agent = await makeAgent(teamA);
    const since = new Date(Date.now() - 1000);
    await changeAgentStatus(actor, agent.slug, "pause");
    await changeAgentStatus(actor, agent.slug, "resume");

    const byActor = await listAudit(admin, query({ actor: actor.email.toUpperCase() }));
    expect(byActor.entries.map((entry) => entry.action)).toEqual(["agent.resume", "agent.pause"]);
    expect(byActor.entries.every((entry) => entry.actorId === actor.userId)).toBe(true);

    const paused = await listAudit(admin, query({ actor: actor.email, action: "pause" }));
    expect(paused.entries.map((entry) => entry.action)).toEqual(["agent.pause"]);
    expect((await listAudit(admin, query({ actor: actor.email, targetType: "user" }))).entries).toEqual([]);
    expect((await listAudit(admin, query({ actor: actor.email, since: since.toISOString() }))).entries).toHaveLength(2);
    expect((await listAudit(admin, query({ actor: actor.email, until: since.toISOString() }))).entries).toEqual([]);
    expect(typeof byActor.entries[0].seq).toBe("string");
  });

  it("pages with a cursor", async () => {
    const actor = await makeUser("operator", [teamA.id], `pager${unique()}`);
    const agent = await makeAgent(teamA);
    for (const change of ["pause", "resume", "pause"] as const) await changeAgentStatus(actor, agent.slug, change);
    const first = await listAudit(admin, query({ actor: actor.email, limit: 2 }));
    expect(first.entries).toHaveLength(2);
    expect(first.nextCursor).toBe(first.entries[1].seq);
    const second = await listAudit(admin, query({ actor: actor.email, limit: 2, cursor: first.nextCursor }));
    expect(second.entries.map((entry) => entry.action)).toEqual(["agent.pause"]);
    expect(second.nextCursor).toBeNull();
    expect(BigInt(second.entries[0].seq)).toBeLessThan(BigInt(first.entries[1].seq));
  });
});
