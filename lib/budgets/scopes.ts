// The spend a budget measures, as the key of its counters. Every spend is added to the agent's, its
// team's (department) and, when it names one, its workflow's counters, whether or not a budget exists
// yet, so a budget written mid-month starts from the real spend.
export const agentScope = (agentId: string) => `agent:${agentId}`;
export const teamScope = (teamId: string) => `team:${teamId}`;
export const workflowScope = (agentId: string, workflow: string) => `workflow:${agentId}:${workflow}`;

export type SpendOwner = { agentId: string; teamId: string; workflow?: string | null };

export const spendScopes = ({ agentId, teamId, workflow }: SpendOwner): string[] => [
  agentScope(agentId),
  teamScope(teamId),
  ...(workflow ? [workflowScope(agentId, workflow)] : []),
];
