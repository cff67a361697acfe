// The demo organisation: teams, the five demo users (password demo-password), the demo fleet's
// agents, their policies and their release histories (lib/demo/demo-versions.ts). Idempotent: what
// exists is left alone. Refuses to run outside demo mode.
import { db } from "../lib/db/client";
import { DEMO_PASSWORD, demoAgents, demoTeams, demoUsers, isDemoMode } from "../lib/demo/demo-mode";
import { hashPassword } from "../lib/auth/password";
import { recordAudit } from "../lib/audit/record-audit";
import { demoPolicies, demoTeamBudgets } from "../lib/demo/demo-policies";
import { budgetSchema, policyDocumentSchema } from "../lib/policies/document-schema";
import { seedDemoVersions } from "../lib/demo/seed-versions";
import { upgradeDemoBudgets } from "../lib/demo/upgrade-demo-budgets";
import { backdateDemoHistory } from "../lib/demo/backdate-history";

const seeder = { kind: "system" as const, label: "demo-seed" };

// Dozens of rows and their audit entries in one transaction: on a loaded machine (a 2-core CI runner
// building and testing at once) that took longer than Prisma's default 5 s and the server failed to start.
const SEED_TIMEOUT_MS = 60_000;

export async function seedDemo(): Promise<{ created: number }> {
  if (!isDemoMode()) {
    throw new Error("Refusing to seed demo users outside demo mode (set CONTROLROOM_DEMO=1 to allow it)");
  }
  let created = 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db().$transaction(async (tx) => {
    const teamIds = new Map<string, string>();
    for (const team of demoTeams) {
      const existing = await tx.team.findUnique({ where: { name: team.name } });
      // A department's demo budget comes with the team; an admin's later change is left alone.
      const budgets = (demoTeamBudgets[team.name] ?? []).map((budget) => budgetSchema.parse(budget));
      const row = existing ?? (await tx.team.create({ data: { ...team, budgets } }));
      if (!existing) {
        created += 1;
        await recordAudit(tx, seeder, {
          action: "team.create",
          targetType: "team",
          targetId: row.id,
          teamId: row.id,
          after: budgets.length ? { ...team, budgets } : team,
        });
      }
      teamIds.set(team.name, row.id);
    }
    const userIds = new Map<string, string>();
    for (const user of demoUsers) {
      const existing = await tx.user.findUnique({ where: { email: user.email } });
      if (existing) {
        userIds.set(user.email, existing.id);
        continue;
      }
      const names = user.teams === "all" ? demoTeams.map((t) => t.name) : [...user.teams];
      const row = await tx.user.create({
        data: {
          email: user.email,
          name: user.name,
          role: user.role,
          passwordHash,
          memberships: { create: names.map((name) => ({ teamId: teamIds.get(name)! })) },
        },
      });
      created += 1;
      userIds.set(user.email, row.id);
      await recordAudit(tx, seeder, {
        action: "user.create",
        targetType: "user",
        targetId: row.id,
        after: { email: user.email, name: user.name, role: user.role, teams: names },
      });
    }
    for (const agent of demoAgents) {
      if (await tx.agent.findUnique({ where: { slug: agent.slug } })) continue;
      const row = await tx.agent.create({
        data: {
          slug: agent.slug,
          name: agent.name,
          description: agent.description,
          teamId: teamIds.get(agent.team)!,
          ownerId: userIds.get(agent.owner) ?? null,
        },
      });
      created += 1;
      await recordAudit(tx, seeder, {
        action: "agent.create",
        targetType: "agent",
        targetId: row.id,
        teamId: row.teamId,
        after: { slug: agent.slug, name: agent.name, team: agent.team, owner: agent.owner, status: "active" },
      });
    }
    for (const input of demoPolicies) {
      const document = policyDocumentSchema.parse(input);
      const agent = await tx.agent.findUnique({ where: { slug: document.scope.agent } });
      if (!agent) continue;
      const scope = { agentId: agent.id, workflow: document.scope.workflow ?? "", decisionType: document.scope.decisionType ?? "" };
      if (await tx.policy.findUnique({ where: { agentId_workflow_decisionType: scope } })) continue;
      const row = await tx.policy.create({
        data: { ...scope, document: input, version: 1, versions: { create: { version: 1, document: input } } },
      });
      created += 1;
      await recordAudit(tx, seeder, {
        action: "policy.create",
        targetType: "policy",
        targetId: row.id,
        teamId: agent.teamId,
        after: { agent: agent.slug, version: 1, document: input },
      });
    }
  }, { timeout: SEED_TIMEOUT_MS });
  created += await upgradeDemoBudgets(seeder);
  // The versions go through the versions API's functions, each in its own transaction (as an admin's
  // clicks would), after the agents exist.
  created += (await seedDemoVersions(seeder)).created;
  // The claims agent's releases move to their place in the demo's story (v1 ten days ago … v4 three
  // hours ago), where the history the server sends once it listens (lib/demo/backfill-history.ts) fits.
  await backdateDemoHistory(seeder.label);
  return { created };
}
