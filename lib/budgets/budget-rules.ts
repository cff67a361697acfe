import type { ResolvedPolicy } from "../policies/resolve-policy";
import type { BudgetRule } from "./evaluate-budgets";
import { agentScope, teamScope, workflowScope } from "./scopes";
import { parseTeamBudgets } from "./team-budgets";

export type BudgetOwner = { id: string; slug: string; teamId: string; team: { name: string; budgets: unknown } };

// Every budget that governs this agent's next action: its department's, and those of the policy
// documents that apply (the agent's, its workflow's).
export function budgetRules(agent: BudgetOwner, policy: ResolvedPolicy | null): BudgetRule[] {
  const rules: BudgetRule[] = parseTeamBudgets(agent.team.budgets, agent.team.name).map((budget) => ({
    scope: teamScope(agent.teamId),
    label: `department ${agent.team.name}`,
    budget,
    teamId: agent.teamId,
  }));
  for (const { budget, workflow } of policy?.budgets ?? []) {
    rules.push({
      scope: workflow ? workflowScope(agent.id, workflow) : agentScope(agent.id),
      label: workflow ? `workflow ${workflow} of ${agent.slug}` : `agent ${agent.slug}`,
      budget,
      teamId: agent.teamId,
      agentId: agent.id,
    });
  }
  return rules;
}
