import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { seedDemo } from "../../prisma/seed";
import { DEMO_PASSWORD } from "../../lib/demo/demo-mode";
import { verifyCredentials } from "../../lib/auth/verify-credentials";
import { verifyAuditChain } from "../../lib/audit/verify-chain";
import { onPglite } from "./helpers";

const demoEmails = ["admin@demo.local", "developer@demo.local", "reviewer@demo.local", "operator@demo.local", "viewer@demo.local"];
const allTeams = ["Claims", "Payments", "Procurement", "Support"];

const originalDemo = process.env.CONTROLROOM_DEMO;
afterEach(() => {
  if (originalDemo === undefined) delete process.env.CONTROLROOM_DEMO;
  else process.env.CONTROLROOM_DEMO = originalDemo;
});

describe("seedDemo", () => {
  it("refuses to run outside demo mode and creates nothing", async () => {
    const usersBefore = await db().user.count();
    process.env.CONTROLROOM_DEMO = "0";
    await expect(seedDemo()).rejects.toThrow(/outside demo mode/);
    process.env.CONTROLROOM_DEMO = "false";
    await expect(seedDemo()).rejects.toThrow(/outside demo mode/);
    expect(await db().user.count()).toBe(usersBefore);
  });

  // On Postgres without CONTROLROOM_DEMO the installation is not a demo.
  it.skipIf(onPglite)("refuses on Postgres unless CONTROLROOM_DEMO is set", async () => {
    expect(process.env.CONTROLROOM_DEMO).toBeUndefined();
    await expect(seedDemo()).rejects.toThrow(/outside demo mode/);
  });

  // Seeding demo logins with a published password belongs on a private database only.
  describe.runIf(onPglite)("in demo mode (embedded database)", () => {
    it("is the default on the embedded database", () => {
      expect(process.env.CONTROLROOM_DEMO).toBeUndefined();
      expect(process.env.DATABASE_URL).toBeUndefined();
    });

    it("creates the 4 teams, 5 users, 4 agents and their 4 policies with the documented memberships, once", async () => {
      const first = await seedDemo();
      expect(first.created).toBe(17);

      const teams = await db().team.findMany({ where: { name: { in: allTeams } }, orderBy: { name: "asc" } });
      expect(teams.map((team) => team.name)).toEqual(allTeams);

      const users = await db().user.findMany({
        where: { email: { in: demoEmails } },
        include: { memberships: { include: { team: true } } },
      });
      const byEmail = Object.fromEntries(
        users.map((user) => [user.email, { role: user.role, teams: user.memberships.map((m) => m.team.name).sort() }]),
      );
      expect(byEmail).toEqual({
        "admin@demo.local": { role: "admin", teams: allTeams },
        "reviewer@demo.local": { role: "reviewer", teams: allTeams },
        "developer@demo.local": { role: "developer", teams: ["Claims", "Support"] },
        "operator@demo.local": { role: "operator", teams: ["Claims", "Support"] },
        "viewer@demo.local": { role: "viewer", teams: ["Claims", "Support"] },
      });

      const agents = await db().agent.findMany({ include: { team: true, owner: true }, orderBy: { slug: "asc" } });
      expect(agents.map((agent) => [agent.slug, agent.team.name, agent.status])).toEqual([
        ["claims-agent", "Claims", "active"],
        ["procurement-agent", "Procurement", "active"],
        ["refund-agent", "Payments", "active"],
        ["support-agent", "Support", "active"],
      ]);
      expect(agents.every((agent) => agent.owner !== null)).toBe(true);
      const policies = await db().policy.findMany({ include: { agent: true, versions: true } });
      expect(policies.map((policy) => policy.agent.slug).sort()).toEqual(agents.map((agent) => agent.slug));
      expect(policies.every((policy) => policy.version === 1 && policy.versions.length === 1)).toBe(true);

      const auditCount = await db().auditEntry.count();
      expect(await db().auditEntry.count({ where: { actorLabel: "demo-seed" } })).toBe(17);

      const again = await seedDemo();
      expect(again.created).toBe(0);
      expect(await db().user.count({ where: { email: { in: demoEmails } } })).toBe(5);
      expect(await db().agent.count()).toBe(4);
      expect(await db().auditEntry.count()).toBe(auditCount);
      expect((await verifyAuditChain(db())).ok).toBe(true);
    });

    it("gives every demo user the demo password", async () => {
      for (const email of demoEmails) {
        expect(await verifyCredentials({ email, password: DEMO_PASSWORD }, null), email).toMatchObject({ ok: true, user: { email } });
      }
      expect(await verifyCredentials({ email: "admin@demo.local", password: "not-the-demo-password" }, null)).toEqual({ ok: false, reason: "invalid" });
    });

    it("also runs with CONTROLROOM_DEMO=1", async () => {
      process.env.CONTROLROOM_DEMO = "1";
      expect((await seedDemo()).created).toBe(0);
    });
  });
});
