import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { listBudgets } from "../../lib/budgets/list-budgets";
import { setTeamBudgets } from "../../lib/budgets/set-team-budgets";
import { sweepBudgetAlerts } from "../../lib/alerts/sweep-budget-alerts";
import { recordGuardSpend } from "../../lib/budgets/spend-store";
import { teamScope } from "../../lib/budgets/scopes";
import { windowStart } from "../../lib/budgets/windows";
import { auditOf, expectAppError, makeAgent, makeTeam, makeUser, system, type TestTeam } from "./helpers";

async function agentWithBudgets(team: TestTeam, agentBudgets: unknown[], workflowBudgets?: { workflow: string; budgets: unknown[] }) {
  const agent = await makeAgent(team);
  await db().policy.create({ data: { agentId: agent.id, document: { scope: { agent: agent.slug }, tools: [{ tool: "*" }], budgets: agentBudgets } as object } });
  if (workflowBudgets) {
    const { workflow, budgets } = workflowBudgets;
    await db().policy.create({ data: { agentId: agent.id, workflow, document: { scope: { agent: agent.slug, workflow }, budgets } as object } });
  }
  return agent;
}

const spend = (agent: { id: string; teamId: string }, usd: number, tokens = 0, workflow?: string) =>
  recordGuardSpend({ agentId: agent.id, teamId: agent.teamId, workflow }, { usd, tokens });

describe("listBudgets", () => {
  it("shows each principal the budgets of their teams with this window's spend, status and extensions", async () => {
    const [claims, payments] = [await makeTeam("claims"), await makeTeam("payments")];
    await setTeamBudgets(system, claims.id, { budgets: [{ window: "day", usd: 10 }, { window: "month", tokens: 1000, onExceed: "deny" }] });
    await setTeamBudgets(system, payments.id, { budgets: [{ window: "week", usd: 50 }] });
    const claimsAgent = await agentWithBudgets(claims, [{ window: "week", usd: 4, alertAtPercent: 50 }], { workflow: "intake", budgets: [{ window: "day", usd: 1 }] });
    const paymentsAgent = await agentWithBudgets(payments, [{ window: "day", usd: 5 }]);
    await spend(claimsAgent, 2.5, 400, "intake");
    await spend(paymentsAgent, 1);
    await db().budgetExtension.create({ data: { scope: teamScope(claims.id), window: "day", windowStart: windowStart("day", new Date()), usd: 5 } });

    const viewer = await makeUser("viewer", [claims.id]);
    const seen = await listBudgets(viewer);
    expect(seen.budgets.every((budget) => budget.team.id === claims.id)).toBe(true);
    const byLabel = new Map(seen.budgets.map((budget) => [`${budget.label} ${budget.window}`, budget]));
    expect([...byLabel.keys()].sort()).toEqual(
      [`agent ${claimsAgent.slug} week`, `department ${claims.name} day`, `department ${claims.name} month`, `workflow intake of ${claimsAgent.slug} day`].sort(),
    );
    // $2.50 of $10 + $5 extension; 400 of 1,000 tokens; $2.50 of $4 (alert at 50%); $2.50 of $1.
    expect(byLabel.get(`department ${claims.name} day`)).toMatchObject({ kind: "department", spent: { usd: 2.5 }, limit: { usd: 15 }, extension: { usd: 5 }, status: "ok" });
    expect(byLabel.get(`department ${claims.name} month`)).toMatchObject({ percent: 40, status: "ok", onExceed: "deny", limit: { tokens: 1000 } });
    expect(byLabel.get(`agent ${claimsAgent.slug} week`)).toMatchObject({ kind: "agent", percent: 62.5, status: "alert", agent: { slug: claimsAgent.slug } });
    expect(byLabel.get(`workflow intake of ${claimsAgent.slug} day`)).toMatchObject({ kind: "workflow", workflow: "intake", status: "exceeded", percent: 250 });
    expect(seen.budgets[0].status).toBe("exceeded"); // the fullest budget first
    expect(seen.departments.map((department) => department.id)).toEqual([claims.id]);

    const admin = await makeUser("admin");
    const all = await listBudgets(admin);
    expect(all.budgets.some((budget) => budget.team.id === payments.id && budget.kind === "department")).toBe(true);
    expect(all.budgets.some((budget) => budget.agent?.id === paymentsAgent.id)).toBe(true);

    // One agent: its own, its workflows' and its department's budgets; another team's agent is not found.
    const ofAgent = await listBudgets(viewer, { agent: claimsAgent.slug });
    expect(ofAgent.budgets).toHaveLength(4);
    await expectAppError(listBudgets(viewer, { agent: paymentsAgent.slug }), "not_found");
  });

  it("lists recent alerts of the principal's teams only, newest first, and reports unreadable budgets", async () => {
    const [mine, theirs] = [await makeTeam("mine"), await makeTeam("theirs")];
    await setTeamBudgets(system, mine.id, { budgets: [{ window: "day", usd: 1 }] });
    await setTeamBudgets(system, theirs.id, { budgets: [{ window: "day", usd: 1 }] });
    const [myAgent, theirAgent] = [await makeAgent(mine), await makeAgent(theirs)];
    await spend(myAgent, 0.9);
    await spend(theirAgent, 2);
    await sweepBudgetAlerts();
    await spend(myAgent, 0.2);
    await sweepBudgetAlerts();
    await db().policy.create({ data: { agentId: myAgent.id, document: { scope: { agent: myAgent.slug }, budgets: [{ window: "year", usd: 1 }] } } });

    const operator = await makeUser("operator", [mine.id]);
    const { alerts, problems } = await listBudgets(operator, { alerts: 100 });
    expect(alerts.every((alert) => alert.team.id === mine.id)).toBe(true);
    expect(alerts.map((alert) => [alert.label, alert.level])).toEqual([
      [`department ${mine.name}`, 100],
      [`department ${mine.name}`, 80],
    ]);
    expect(alerts[0]).toMatchObject({ kind: "department", window: "day", limit: { usd: 1 } });
    expect(problems).toEqual([{ owner: `policy of ${myAgent.slug}`, message: expect.stringMatching(/budgets\[0\]\.window: Use day, week or month/) }]);
    expect((await listBudgets(operator, { alerts: 1 })).alerts).toHaveLength(1);
  });
});

describe("setTeamBudgets", () => {
  it("lets admins replace a department's budgets, audited with before and after", async () => {
    const team = await makeTeam("budgeted");
    const admin = await makeUser("admin");
    const first = await setTeamBudgets(admin, team.id, { budgets: [{ window: "day", usd: 20 }] });
    expect(first.budgets).toEqual([{ window: "day", usd: 20, onExceed: "hold", alertAtPercent: 80 }]);
    await setTeamBudgets(admin, team.id, { budgets: [{ window: "week", tokens: 5000, onExceed: "deny", alertAtPercent: 90 }] });
    const stored = await db().team.findUniqueOrThrow({ where: { id: team.id }, select: { budgets: true } });
    expect(stored.budgets).toEqual([{ window: "week", tokens: 5000, onExceed: "deny", alertAtPercent: 90 }]);

    const audit = (await auditOf(team.id)).filter((entry) => entry.action === "budget.set");
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({
      actorId: admin.userId,
      teamId: team.id,
      before: { team: team.name, budgets: [{ window: "day", usd: 20, onExceed: "hold", alertAtPercent: 80 }] },
      after: { team: team.name, budgets: [{ window: "week", tokens: 5000, onExceed: "deny", alertAtPercent: 90 }] },
    });
    await setTeamBudgets(admin, team.id, { budgets: [] });
    expect((await db().team.findUniqueOrThrow({ where: { id: team.id } })).budgets).toEqual([]);
  });

  it("refuses non-admins, unknown teams and invalid budgets with field errors", async () => {
    const team = await makeTeam("guarded");
    for (const role of ["viewer", "operator", "developer", "reviewer"] as const) {
      await expectAppError(setTeamBudgets(await makeUser(role, [team.id]), team.id, { budgets: [{ window: "day", usd: 1 }] }), "forbidden");
    }
    const admin = await makeUser("admin");
    await expectAppError(setTeamBudgets(admin, randomUUID(), { budgets: [] }), "not_found");
    await expectAppError(setTeamBudgets(admin, "not-a-team", { budgets: [] }), "not_found");

    const invalid = await expectAppError(
      setTeamBudgets(admin, team.id, { budgets: [{ window: "day", usd: -1 }, { window: "week" }, { window: "day", tokens: 1.5 }] }),
      "validation_failed",
    );
    expect((invalid.details as { fieldErrors: Record<string, string[]> }).fieldErrors).toMatchObject({
      "budgets.0.usd": ["Must be more than 0"],
      "budgets.1": ["Give a limit in usd, tokens or both"],
      "budgets.2.tokens": ["Use whole tokens"],
    });
    const duplicate = await expectAppError(setTeamBudgets(admin, team.id, { budgets: [{ window: "day", usd: 1 }, { window: "day", tokens: 10 }] }), "validation_failed");
    expect((duplicate.details as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({ "budgets.1.window": ['"day" is listed twice'] });
    await expectAppError(setTeamBudgets(admin, team.id, { budgets: [{ window: "day", usd: 1, extra: true }] }), "validation_failed");
    expect((await db().team.findUniqueOrThrow({ where: { id: team.id } })).budgets).toEqual([]);
    expect((await auditOf(team.id)).filter((entry) => entry.action === "budget.set")).toHaveLength(0);
  });
});

describe("sweepBudgetAlerts", () => {
  it("raises an alert for spend that never passed the guard, once per level and window", async () => {
    const team = await makeTeam("swept");
    const agent = await agentWithBudgets(team, [{ window: "month", tokens: 1000, alertAtPercent: 50 }]);
    await setTeamBudgets(system, team.id, { budgets: [{ window: "week", usd: 10 }] });
    const alertsOf = async () =>
      (await db().budgetAlert.findMany({ where: { teamId: team.id }, orderBy: [{ createdAt: "asc" }, { level: "asc" }] })).map((alert) => [alert.scope, alert.window, alert.level]);

    await spend(agent, 7, 400);
    await sweepBudgetAlerts();
    expect(await alertsOf()).toEqual([]);

    await spend(agent, 1, 200); // $8 of $10 (80%), 600 of 1,000 tokens (past 50%)
    await sweepBudgetAlerts();
    await sweepBudgetAlerts();
    expect((await alertsOf()).sort()).toEqual(
      [
        [`agent:${agent.id}`, "month", 50],
        [teamScope(team.id), "week", 80],
      ].sort(),
    );

    await spend(agent, 3, 500); // $11 of $10, 1,100 of 1,000 tokens
    await sweepBudgetAlerts();
    expect(await alertsOf()).toHaveLength(4);
    const again = await sweepBudgetAlerts();
    expect(await alertsOf()).toHaveLength(4);
    expect(again.budgets).toBeGreaterThanOrEqual(2);
  });
});
