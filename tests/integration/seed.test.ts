import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { seedDemo } from "../../prisma/seed";
import { DEMO_PASSWORD } from "../../lib/demo/demo-mode";
import { verifyCredentials } from "../../lib/auth/verify-credentials";
import { verifyAuditChain } from "../../lib/audit/verify-chain";
import { productionHistory } from "../../lib/versions/rollback-version";
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

    it("creates the 4 teams, 5 users, 4 agents, their 4 policies and 9 versions with the documented memberships, once", async () => {
      const first = await seedDemo();
      expect(first.created).toBe(17 + 9);

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
      // 17 records, 9 versions, and 18 stage moves (staging and production or canary per version).
      expect(await db().auditEntry.count({ where: { actorLabel: "demo-seed" } })).toBe(17 + 9 + 18);
      const deployments = await db().deploymentEvent.count();

      const again = await seedDemo();
      expect(again.created).toBe(0);
      expect(await db().user.count({ where: { email: { in: demoEmails } } })).toBe(5);
      expect(await db().agent.count()).toBe(4);
      expect(await db().auditEntry.count()).toBe(auditCount);
      expect(await db().agentVersion.count()).toBe(9);
      expect(await db().deploymentEvent.count()).toBe(deployments);
      expect((await verifyAuditChain(db())).ok).toBe(true);
    });

    it("gives the claims agent v1…v4 with v4, the claims guidelines 2026-03 update, in production and v1–v3 as its production history", async () => {
      const claims = await db().agent.findUniqueOrThrow({ where: { slug: "claims-agent" } });
      const versions = await db().agentVersion.findMany({ where: { agentId: claims.id }, orderBy: { number: "asc" } });
      expect(versions.map((version) => [version.label, version.stage, version.model, (version.knowledgeBase as { version: string }).version])).toEqual([
        ["v1", "retired", "claude-sonnet-4-5", "2025-11"],
        ["v2", "retired", "claude-sonnet-4-5", "2025-11"],
        ["v3", "retired", "gpt-4.1", "2025-11"],
        ["v4", "production", "gpt-4.1", "2026-03"],
      ]);
      expect(versions[3].knowledgeBase).toEqual({ id: "claims-guidelines", version: "2026-03" });
      expect(versions[3].message).toMatch(/claims guidelines 2026-03/);
      expect(versions.map((version) => version.createdByLabel)).toEqual(["demo-seed", "demo-seed", "demo-seed", "demo-seed"]);
      expect(await productionHistory(db(), claims.id)).toEqual(["v4", "v3", "v2", "v1"]);
      const audited = await db().auditEntry.findMany({ where: { targetType: "agent_version", action: "version.promoted", actorLabel: "demo-seed" } });
      expect(audited.length).toBeGreaterThanOrEqual(8);
    });

    it("runs the support agent's v3 as a 10% canary beside v2 in production, and the other agents' v1 in production", async () => {
      const stages = await db().agentVersion.findMany({ include: { agent: true }, orderBy: [{ agent: { slug: "asc" } }, { number: "asc" }] });
      const serving = stages.filter((version) => ["production", "canary"].includes(version.stage));
      expect(serving.map((version) => [version.agent.slug, version.label, version.stage, version.trafficPercent])).toEqual([
        ["claims-agent", "v4", "production", 100],
        ["procurement-agent", "v1", "production", 100],
        ["refund-agent", "v1", "production", 100],
        ["support-agent", "v2", "production", 90],
        ["support-agent", "v3", "canary", 10],
      ]);
      const support = await db().agent.findUniqueOrThrow({ where: { slug: "support-agent" } });
      const canaryStart = await db().deploymentEvent.findFirstOrThrow({ where: { agentId: support.id, kind: "canary_started" } });
      expect(canaryStart).toMatchObject({ label: "v3", canaryPercent: 10, byLabel: "demo-seed" });
    });

    it("puts the daily budget that runs out in Procurement, not in Claims", async () => {
      const teams = await db().team.findMany({ where: { name: { in: ["Claims", "Procurement"] } }, orderBy: { name: "asc" } });
      expect(teams.map((team) => [team.name, team.budgets])).toEqual([
        ["Claims", []],
        ["Procurement", [{ window: "day", usd: 15, onExceed: "deny", alertAtPercent: 80 }]],
      ]);
    });

    it("moves a database seeded with the former Claims budget (and unchanged since) to the Procurement one, once", async () => {
      const former = [{ window: "day", usd: 15, onExceed: "deny", alertAtPercent: 80 }];
      await db().team.update({ where: { name: "Claims" }, data: { budgets: former } });
      await db().team.update({ where: { name: "Procurement" }, data: { budgets: [] } });
      expect((await seedDemo()).created).toBe(2);
      const budgets = Object.fromEntries((await db().team.findMany({ where: { name: { in: ["Claims", "Procurement"] } } })).map((team) => [team.name, team.budgets]));
      expect(budgets).toEqual({ Claims: [], Procurement: former });
      expect(await db().auditEntry.count({ where: { action: "budget.set", actorLabel: "demo-seed" } })).toBe(2);
      expect((await seedDemo()).created).toBe(0);
    });

    it("leaves budgets an admin changed alone", async () => {
      const chosen = [{ window: "day", usd: 15, onExceed: "deny", alertAtPercent: 80 }];
      await db().team.update({ where: { name: "Claims" }, data: { budgets: chosen } });
      await db().team.update({ where: { name: "Procurement" }, data: { budgets: [{ window: "week", usd: 500, onExceed: "hold", alertAtPercent: 80 }] } });
      expect((await seedDemo()).created).toBe(0);
      expect((await db().team.findUniqueOrThrow({ where: { name: "Claims" } })).budgets).toEqual(chosen);
      await db().team.update({ where: { name: "Claims" }, data: { budgets: [] } });
      await db().team.update({ where: { name: "Procurement" }, data: { budgets: chosen } });
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
