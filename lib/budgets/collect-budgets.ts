import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client";
import type { TeamAccess } from "../auth/team-access";
import { parsePolicyDocument, type Budget } from "../policies/document-schema";
import type { BudgetRule } from "./evaluate-budgets";
import type { Extensions } from "./evaluate-budgets";
import { readExtensions } from "./extensions";
import { agentScope, teamScope, workflowScope } from "./scopes";
import { readSpend, spendOf, totalsKey, type Spend } from "./spend-store";
import { parseTeamBudgets } from "./team-budgets";
import { windowEnd, windowStart } from "./windows";

// Every budget written for a set of teams (their departments') and agents (their policy documents'),
// measured on the current windows' counters: what the budgets list shows and the alert sweep judges.

export type BudgetKind = "department" | "agent" | "workflow";

export type CollectedBudget = {
  // Stable id of this budget: `team:<teamId>:<window>` or `policy:<policyId>:<window>`.
  key: string;
  kind: BudgetKind;
  rule: BudgetRule;
  team: { id: string; name: string };
  agent: { id: string; slug: string } | null;
  workflow: string | null;
  // A policy document of a decision type applies its budget only to that decision type's actions.
  decisionType: string | null;
};

export type BudgetProblem = { owner: string; message: string };

export type BudgetFilter = { teams: TeamAccess; agentId?: string };

export type BudgetTeam = { id: string; name: string; budgets: unknown };

export async function collectBudgets(filter: BudgetFilter): Promise<{ budgets: CollectedBudget[]; problems: BudgetProblem[]; teams: BudgetTeam[] }> {
  const [teams, policies] = await Promise.all([
    db().team.findMany({ where: filter.teams.where("id"), select: { id: true, name: true, budgets: true }, orderBy: { name: "asc" } }),
    readBudgetPolicies(filter),
  ]);
  const teamName = new Map(teams.map((team) => [team.id, team.name]));
  const budgets: CollectedBudget[] = [];
  const problems: BudgetProblem[] = [];

  for (const team of teams) {
    let written: Budget[];
    try {
      written = parseTeamBudgets(team.budgets, team.name);
    } catch (error) {
      problems.push({ owner: `department ${team.name}`, message: (error as Error).message });
      continue;
    }
    for (const budget of written) {
      budgets.push({
        key: `team:${team.id}:${budget.window}`,
        kind: "department",
        rule: { scope: teamScope(team.id), label: `department ${team.name}`, budget, teamId: team.id },
        team: { id: team.id, name: team.name },
        agent: null,
        workflow: null,
        decisionType: null,
      });
    }
  }

  for (const policy of policies) {
    const parsed = parsePolicyDocument(policy.document);
    const where = [policy.workflow && `workflow ${policy.workflow}`, policy.decision_type && `decision type ${policy.decision_type}`].filter(Boolean).join(", ");
    if (!parsed.success) {
      problems.push({ owner: `policy of ${policy.slug}${where ? ` (${where})` : ""}`, message: parsed.errors.join("; ") });
      continue;
    }
    const workflow = policy.workflow || null;
    for (const budget of parsed.data.budgets ?? []) {
      budgets.push({
        key: `policy:${policy.id}:${budget.window}`,
        kind: workflow ? "workflow" : "agent",
        rule: {
          scope: workflow ? workflowScope(policy.agent_id, workflow) : agentScope(policy.agent_id),
          label: workflow ? `workflow ${workflow} of ${policy.slug}` : `agent ${policy.slug}`,
          budget,
          teamId: policy.team_id,
          agentId: policy.agent_id,
        },
        team: { id: policy.team_id, name: teamName.get(policy.team_id) ?? "(unknown team)" },
        agent: { id: policy.agent_id, slug: policy.slug },
        workflow,
        decisionType: policy.decision_type || null,
      });
    }
  }
  return { budgets, problems, teams };
}

type PolicyRow = { id: string; agent_id: string; slug: string; team_id: string; workflow: string; decision_type: string; document: unknown };

// Only the documents that write budgets, of agents that can still act: the sweep runs every 30 s over
// every team, so the rest of the policies stay in the database.
function readBudgetPolicies(filter: BudgetFilter): Promise<PolicyRow[]> {
  const agent = filter.agentId ? Prisma.sql`a.id = ${filter.agentId}::uuid` : Prisma.sql`TRUE`;
  return db().$queryRaw<PolicyRow[]>`
    SELECT p.id, p.agent_id, a.slug, a.team_id, p.workflow, p.decision_type, p.document
    FROM policies p JOIN agents a ON a.id = p.agent_id
    WHERE a.status <> 'terminated'
      AND jsonb_typeof(p.document -> 'budgets') = 'array' AND jsonb_array_length(p.document -> 'budgets') > 0
      AND ${filter.teams.sql("a.team_id")}
      AND ${agent}
    ORDER BY a.slug, p.workflow, p.decision_type`;
}

export type BudgetStatus = "ok" | "alert" | "exceeded";

export type MeasuredBudget = CollectedBudget & {
  spent: Spend;
  // The budget plus the extensions reviewers granted in this window.
  limit: { usd?: number; tokens?: number };
  extension: Spend | null;
  percent: number; // the larger of spend / limit in USD and in tokens, × 100
  status: BudgetStatus;
  windowStart: Date;
  windowEnd: Date;
};

// One read of the counters and one of the extensions for all the budgets, whatever their number.
export async function measureBudgets(budgets: CollectedBudget[], at = new Date()): Promise<MeasuredBudget[]> {
  if (budgets.length === 0) return [];
  const [totals, extensions] = await Promise.all([
    readSpend([...new Set(budgets.map(({ rule }) => rule.scope))], at),
    readExtensions(
      budgets.map(({ rule }) => ({ scope: rule.scope, window: rule.budget.window })),
      at,
    ),
  ]);
  return budgets.map((collected) => measure(collected, spendOf(totals, collected.rule.scope, collected.rule.budget.window), extensions, at));
}

function measure(collected: CollectedBudget, spent: Spend, extensions: Extensions, at: Date): MeasuredBudget {
  const { budget, scope } = collected.rule;
  const extension = extensions.get(totalsKey(scope, budget.window)) ?? null;
  const limit = {
    ...(budget.usd !== undefined ? { usd: budget.usd + (extension?.usd ?? 0) } : {}),
    ...(budget.tokens !== undefined ? { tokens: budget.tokens + (extension?.tokens ?? 0) } : {}),
  };
  const ratio = Math.max(limit.usd !== undefined ? spent.usd / limit.usd : 0, limit.tokens !== undefined ? spent.tokens / limit.tokens : 0);
  // As the guard judges it: once the spend reaches the limit, the next action is stopped.
  const reached = (limit.usd !== undefined && spent.usd >= limit.usd) || (limit.tokens !== undefined && spent.tokens >= limit.tokens);
  const start = windowStart(budget.window, at);
  return {
    ...collected,
    spent,
    limit,
    extension,
    percent: ratio * 100,
    status: reached ? "exceeded" : ratio * 100 >= budget.alertAtPercent ? "alert" : "ok",
    windowStart: start,
    windowEnd: windowEnd(budget.window, start),
  };
}
