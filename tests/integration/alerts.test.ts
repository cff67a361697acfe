import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { raiseAlert, type AlertInput } from "../../lib/alerts/raise-alert";
import { acknowledgeAlert, resolveAlert } from "../../lib/alerts/change-alert-status";
import { countOpenAlerts, listAlerts } from "../../lib/alerts/list-alerts";
import { raiseBudgetAlerts } from "../../lib/alerts/budget-alerts";
import { teamScope } from "../../lib/budgets/scopes";
import type { BudgetUse } from "../../lib/budgets/evaluate-budgets";
import { auditOf, expectAppError, makeAgent, makeTeam, makeUser, unique, type TestTeam } from "./helpers";

async function seedAlert(team: TestTeam, overrides: Partial<AlertInput> = {}) {
  const agent = await makeAgent(team);
  const id = await raiseAlert({
    kind: "drift",
    severity: "warning",
    agentId: agent.id,
    teamId: team.id,
    title: "Approval rate drifted",
    metric: `outcome_rate:approved:${unique()}`,
    dedupeKey: `test:${unique()}`,
    details: { baselineValue: 0.85, currentValue: 0.91, statistic: 4.2, changePointAt: "2026-12-01T10:00:00.000Z", changesNear: [{ at: "2026-12-01T07:00:00.000Z", kind: "knowledge_base", label: "v4" }] },
    ...overrides,
  });
  if (!id) throw new Error("the alert was not raised");
  return { id, agent };
}

describe("alert lifecycle", () => {
  it("an operator of the team acknowledges then resolves; who, when and the notes are stored and audited", async () => {
    const team = await makeTeam();
    const operator = await makeUser("operator", [team.id]);
    const { id, agent } = await seedAlert(team);

    const acknowledged = await acknowledgeAlert(operator, id, { note: "looking" });
    expect(acknowledged).toMatchObject({ status: "acknowledged", acknowledgedBy: operator.email, acknowledgeNote: "looking", agent: { slug: agent.slug } });
    expect(acknowledged.acknowledgedAt).toBeInstanceOf(Date);

    const resolved = await resolveAlert(operator, id, { note: "rolled back to v3" });
    expect(resolved).toMatchObject({ status: "resolved", resolvedBy: operator.email, resolveNote: "rolled back to v3", acknowledgedBy: operator.email });

    const audit = await auditOf(id);
    expect(audit.map((entry) => [entry.action, entry.actorLabel])).toEqual([
      ["alert.acknowledge", operator.email],
      ["alert.resolve", operator.email],
    ]);
    expect(audit[1].after).toMatchObject({ status: "resolved", note: "rolled back to v3" });
  });

  it("the list shows the drift evidence in the documented shape", async () => {
    const team = await makeTeam();
    const viewer = await makeUser("viewer", [team.id]);
    const { id, agent } = await seedAlert(team);
    const [alert] = await listAlerts(viewer, { agent: agent.slug });
    expect(alert).toMatchObject({
      id,
      kind: "drift",
      agent: { slug: agent.slug },
      baselineValue: 0.85,
      currentValue: 0.91,
      statistic: 4.2,
      changePointAt: "2026-12-01T10:00:00.000Z",
      changesNear: [{ kind: "knowledge_base", label: "v4" }],
      status: "open",
      acknowledgedBy: null,
      resolvedBy: null,
    });
  });

  it("resolving twice, or acknowledging a resolved or acknowledged alert, is a conflict", async () => {
    const team = await makeTeam();
    const admin = await makeUser("admin");
    const { id } = await seedAlert(team);
    await acknowledgeAlert(admin, id, {});
    await expectAppError(acknowledgeAlert(admin, id, {}), "conflict");
    await resolveAlert(admin, id, { note: "done" });
    await expectAppError(resolveAlert(admin, id, { note: "again" }), "conflict");
    await expectAppError(acknowledgeAlert(admin, id, {}), "conflict");
    expect((await auditOf(id)).length).toBe(2);
  });

  it("an open alert can be resolved without being acknowledged; resolving needs a note", async () => {
    const team = await makeTeam();
    const operator = await makeUser("operator", [team.id]);
    const { id } = await seedAlert(team);
    await expect(resolveAlert(operator, id, { note: "  " })).rejects.toThrow();
    expect((await resolveAlert(operator, id, { note: "false alarm" })).status).toBe("resolved");
  });

  it("roles without alerts:acknowledge are refused; another team's alert or an unknown id is not found", async () => {
    const team = await makeTeam();
    const other = await makeTeam();
    const { id } = await seedAlert(team);
    for (const role of ["viewer", "developer", "reviewer"] as const) {
      const user = await makeUser(role, [team.id]);
      await expectAppError(acknowledgeAlert(user, id, {}), "forbidden");
      await expectAppError(resolveAlert(user, id, { note: "x" }), "forbidden");
    }
    const outsider = await makeUser("operator", [other.id]);
    await expectAppError(acknowledgeAlert(outsider, id, {}), "not_found");
    await expectAppError(resolveAlert(outsider, id, { note: "x" }), "not_found");
    await expectAppError(acknowledgeAlert(outsider, randomUUID(), {}), "not_found");
    await expectAppError(acknowledgeAlert(outsider, "not-a-uuid", {}), "not_found");
    expect((await db().alert.findUniqueOrThrow({ where: { id } })).status).toBe("open");
    expect(await listAlerts(outsider, {})).not.toContainEqual(expect.objectContaining({ id }));
  });
});

describe("dedupe while open", () => {
  it("a second alert with the same kind, agent and metric is not raised while the first is open or acknowledged, and is once it is resolved", async () => {
    const team = await makeTeam();
    const admin = await makeUser("admin");
    const metric = `error_rate:${unique()}`;
    const { id, agent } = await seedAlert(team, { metric });
    const again = () => raiseAlert({ kind: "drift", severity: "critical", agentId: agent.id, teamId: team.id, title: "again", metric, dedupeKey: `test:${unique()}` });

    expect(await again()).toBeNull();
    await acknowledgeAlert(admin, id, {});
    expect(await again()).toBeNull();
    await resolveAlert(admin, id, { note: "fixed" });
    const second = await again();
    expect(second).not.toBeNull();
    expect((await listAlerts(admin, { agent: agent.slug })).map((alert) => alert.id)).toEqual([second, id]);
  });

  it("an exact repeat (same dedupeKey) is a no-op even after the first is resolved", async () => {
    const team = await makeTeam();
    const admin = await makeUser("admin");
    const dedupeKey = `test:${unique()}`;
    const { id, agent } = await seedAlert(team, { dedupeKey });
    await resolveAlert(admin, id, { note: "fixed" });
    expect(await raiseAlert({ kind: "drift", severity: "warning", agentId: agent.id, teamId: team.id, title: "x", metric: "other", dedupeKey })).toBeNull();
  });

  it("the nav count counts open alerts of the caller's teams only", async () => {
    const team = await makeTeam();
    const viewer = await makeUser("viewer", [team.id]);
    const admin = await makeUser("admin");
    expect(await countOpenAlerts(viewer)).toBe(0);
    const first = await seedAlert(team);
    await seedAlert(team);
    expect(await countOpenAlerts(viewer)).toBe(2);
    await acknowledgeAlert(admin, first.id, {});
    expect(await countOpenAlerts(viewer)).toBe(1);
  });
});

describe("budget crossings raise general alerts", () => {
  const use = (team: TestTeam, level: number, percent: number): BudgetUse & { level: number } => ({
    rule: { scope: teamScope(team.id), label: `department ${team.name}`, teamId: team.id, budget: { window: "day", usd: 10, alertAtPercent: 80 } as never },
    spent: { usd: percent / 10, tokens: 0 },
    limit: { usd: 10 },
    ratio: percent / 100,
    level,
  });

  it("warning at the alert level, critical at 100%, once per budget, window and level; the budget_alerts table is still written", async () => {
    const team = await makeTeam();
    const viewer = await makeUser("viewer", [team.id]);
    const at = new Date();
    await raiseBudgetAlerts([use(team, 80, 85)], at);
    await raiseBudgetAlerts([use(team, 80, 90)], at);
    await raiseBudgetAlerts([use(team, 80, 100), use(team, 100, 100)], at);

    const alerts = await listAlerts(viewer, { kind: "budget" });
    expect(alerts.map((alert) => [alert.severity, alert.title])).toEqual(
      expect.arrayContaining([
        ["warning", `Department ${team.name} reached 80% of its daily budget`],
        ["critical", `Department ${team.name} is over its daily budget`],
      ]),
    );
    expect(alerts).toHaveLength(2);
    expect(await db().budgetAlert.count({ where: { teamId: team.id } })).toBe(2);
  });

  it("while the warning is open, the next window's crossing of the same level adds no second alert", async () => {
    const team = await makeTeam();
    const viewer = await makeUser("viewer", [team.id]);
    const today = new Date();
    const tomorrow = new Date(today.getTime() + 24 * 3600_000);
    await raiseBudgetAlerts([use(team, 80, 85)], today);
    await raiseBudgetAlerts([use(team, 80, 85)], tomorrow);
    expect(await listAlerts(viewer, { kind: "budget" })).toHaveLength(1);
    expect(await db().budgetAlert.count({ where: { teamId: team.id } })).toBe(2);
  });
});

describe("an agent's alerts", () => {
  it("include its department's (a budget alert has no agent), not another department's", async () => {
    const team = await makeTeam();
    const other = await makeTeam();
    const viewer = await makeUser("viewer", [team.id, other.id]);
    const { id: own, agent } = await seedAlert(team);
    const department = await raiseAlert({ kind: "budget", severity: "critical", agentId: null, teamId: team.id, title: "Department over budget", dedupeKey: `test:${unique()}` });
    const elsewhere = await raiseAlert({ kind: "budget", severity: "critical", agentId: null, teamId: other.id, title: "Other department over budget", dedupeKey: `test:${unique()}` });
    const ids = (await listAlerts(viewer, { agent: agent.slug })).map((alert) => alert.id);
    expect(ids).toEqual(expect.arrayContaining([own, department]));
    expect(ids).not.toContain(elsewhere);
  });
});
