// The shape an agent is shown in, everywhere (pages, API, audit summaries).
export const agentInclude = {
  team: { select: { id: true, name: true } },
  owner: { select: { id: true, name: true, email: true } },
} as const;

type AgentRow = {
  id: string;
  slug: string;
  name: string;
  description: string;
  status: string;
  lastSeenAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  team: { id: string; name: string };
  owner: { id: string; name: string; email: string } | null;
};

export function toAgentView(agent: AgentRow) {
  return {
    id: agent.id,
    slug: agent.slug,
    name: agent.name,
    description: agent.description,
    status: agent.status as "active" | "paused" | "terminated",
    team: agent.team.name,
    teamId: agent.team.id,
    owner: agent.owner ? { id: agent.owner.id, name: agent.owner.name, email: agent.owner.email } : null,
    // Filled by the versions pillar; null until an agent has a production version.
    productionVersion: null as string | null,
    lastSeenAt: agent.lastSeenAt?.toISOString() ?? null,
    createdAt: agent.createdAt.toISOString(),
    updatedAt: agent.updatedAt.toISOString(),
  };
}

export type AgentView = ReturnType<typeof toAgentView>;

export const auditSummary = (agent: AgentView) => ({
  slug: agent.slug,
  name: agent.name,
  team: agent.team,
  owner: agent.owner?.email ?? null,
  status: agent.status,
  description: agent.description,
});
