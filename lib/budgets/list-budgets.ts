import { db } from "../db/client";
import { z } from "../zod";
import { assertCan, type Principal } from "../auth/principal";
import { notVisible, teamAccess, teamsOnly } from "../auth/team-access";
import { agentSlugSchema } from "../agents/schemas";
import type { Budget } from "../policies/document-schema";
import { collectBudgets, measureBudgets, type BudgetKind, type BudgetProblem, type BudgetStatus } from "./collect-budgets";
import type { Spend } from "./spend-store";
import { parseTeamBudgets } from "./team-budgets";
import type { BudgetWindow } from "./windows";

export const listBudgetsQuerySchema = z.object({
  agent: agentSlugSchema.optional(),
  alerts: z.coerce.number({ error: "Use a number" }).int("Use a whole number").min(0, "At least 0").max(100, "At most 100").optional().default(20),
});

export type BudgetView = {
  key: string;
  kind: BudgetKind;
  label: string;
  team: { id: string; name: string };
  agent: { id: string; slug: string } | null;
  workflow: string | null;
  decisionType: string | null;
  window: BudgetWindow;
  onExceed: "hold" | "deny";
  alertAtPercent: number;
  budget: { usd?: number; tokens?: number };
  extension: Spend | null;
  limit: { usd?: number; tokens?: number };
  spent: Spend;
  percent: number;
  status: BudgetStatus;
  windowStart: string;
  resetsAt: string;
};

export type BudgetAlertView = {
  id: string;
  createdAt: string;
  kind: BudgetKind;
  label: string;
  team: { id: string; name: string };
  agent: { id: string; slug: string } | null;
  window: BudgetWindow;
  level: number;
  limit: { usd?: number; tokens?: number };
  spent: Spend;
};

// The departments whose budgets the list covers, with what is written (for the admin's editor).
export type DepartmentBudgets = { id: string; name: string; budgets: Budget[] | null };

export type BudgetList = { budgets: BudgetView[]; alerts: BudgetAlertView[]; departments: DepartmentBudgets[]; problems: BudgetProblem[] };

// Every budget the principal can see — their teams' departments' and their teams' agents' and
// workflows' (from policy documents) — with the current window's spend, and the latest alerts.
// With `agent`, the budgets that govern that agent: its own, its workflows' and its department's.
export async function listBudgets(principal: Principal, rawQuery: unknown = {}, at = new Date()): Promise<BudgetList> {
  assertCan(principal, "budgets:read");
  const query = listBudgetsQuerySchema.parse(rawQuery ?? {});
  const access = teamAccess(principal);

  let agent: { id: string; teamId: string } | null = null;
  if (query.agent) {
    agent = await db().agent.findFirst({ where: { slug: query.agent, ...access.where() }, select: { id: true, teamId: true } });
    if (!agent) throw notVisible(`Agent "${query.agent}"`);
  }

  const [{ budgets, problems, teams }, alertRows] = await Promise.all([
    collectBudgets({ teams: agent ? teamsOnly([agent.teamId]) : access, agentId: agent?.id }),
    query.alerts === 0
      ? Promise.resolve([])
      : db().budgetAlert.findMany({
          where: agent ? { OR: [{ agentId: agent.id }, { agentId: null, teamId: agent.teamId }] } : access.where(),
          orderBy: [{ createdAt: "desc" }, { level: "desc" }],
          take: query.alerts,
        }),
  ]);
  const measured = await measureBudgets(budgets, at);

  return {
    budgets: measured
      .map((use) => ({
        key: use.key,
        kind: use.kind,
        label: use.rule.label,
        team: use.team,
        agent: use.agent,
        workflow: use.workflow,
        decisionType: use.decisionType,
        window: use.rule.budget.window,
        onExceed: use.rule.budget.onExceed,
        alertAtPercent: use.rule.budget.alertAtPercent,
        budget: limitOf(use.rule.budget.usd, use.rule.budget.tokens),
        extension: use.extension,
        limit: use.limit,
        spent: use.spent,
        percent: use.percent,
        status: use.status,
        windowStart: use.windowStart.toISOString(),
        resetsAt: use.windowEnd.toISOString(),
      }))
      .sort((a, b) => b.percent - a.percent || a.label.localeCompare(b.label)),
    alerts: await describeAlerts(alertRows, teams),
    departments: teams.map((team) => ({ id: team.id, name: team.name, budgets: readableBudgets(team.budgets, team.name) })),
    problems,
  };
}

const limitOf = (usd: number | undefined, tokens: number | undefined) => ({ ...(usd !== undefined ? { usd } : {}), ...(tokens !== undefined ? { tokens } : {}) });

function readableBudgets(stored: unknown, teamName: string): Budget[] | null {
  try {
    return parseTeamBudgets(stored, teamName);
  } catch {
    return null;
  }
}

type AlertRow = Awaited<ReturnType<ReturnType<typeof db>["budgetAlert"]["findMany"]>>[number];

// Alerts name their budget by counter scope; the agents and teams are looked up once for the page.
async function describeAlerts(rows: AlertRow[], teams: { id: string; name: string }[]): Promise<BudgetAlertView[]> {
  const teamName = new Map(teams.map((team) => [team.id, team.name]));
  const missingTeams = [...new Set(rows.map((row) => row.teamId).filter((id) => !teamName.has(id)))];
  const agentIds = [...new Set(rows.flatMap((row) => (row.agentId ? [row.agentId] : [])))];
  const [moreTeams, agents] = await Promise.all([
    missingTeams.length ? db().team.findMany({ where: { id: { in: missingTeams } }, select: { id: true, name: true } }) : [],
    agentIds.length ? db().agent.findMany({ where: { id: { in: agentIds } }, select: { id: true, slug: true } }) : [],
  ]);
  for (const team of moreTeams) teamName.set(team.id, team.name);
  const slugOf = new Map(agents.map((agent) => [agent.id, agent.slug]));

  return rows.map((row) => {
    const team = { id: row.teamId, name: teamName.get(row.teamId) ?? "(deleted team)" };
    const agent = row.agentId ? { id: row.agentId, slug: slugOf.get(row.agentId) ?? "(deleted agent)" } : null;
    const workflowPrefix = row.agentId ? `workflow:${row.agentId}:` : null;
    const workflow = workflowPrefix && row.scope.startsWith(workflowPrefix) ? row.scope.slice(workflowPrefix.length) : null;
    const kind: BudgetKind = workflow ? "workflow" : agent ? "agent" : "department";
    const label = workflow ? `workflow ${workflow} of ${agent!.slug}` : agent ? `agent ${agent.slug}` : `department ${team.name}`;
    return {
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      kind,
      label,
      team,
      agent,
      window: row.window as BudgetWindow,
      level: row.level,
      limit: limitOf(row.limitUsd === null ? undefined : Number(row.limitUsd), row.limitTokens === null ? undefined : Number(row.limitTokens)),
      spent: { usd: Number(row.spentUsd), tokens: Number(row.spentTokens) },
    };
  });
}
