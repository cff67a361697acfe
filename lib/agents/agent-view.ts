// The shape an agent is shown in, everywhere (pages, API, audit summaries).
import type { Prisma } from "../generated/prisma/client";

export const agentInclude = {
  team: { select: { id: true, name: true } },
  owner: { select: { id: true, name: true, email: true } },
  // What it serves: the production version and a canary, if one runs.
  versions: { where: { stage: { in: ["production", "canary"] } }, select: { label: true, stage: true, trafficPercent: true } },
} satisfies Prisma.AgentInclude;

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
  versions: { label: string; stage: string; trafficPercent: number }[];
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
    productionVersion: agent.versions.find((version) => version.stage === "production")?.label ?? null,
    canary: canaryOf(agent.versions),
    lastSeenAt: agent.lastSeenAt?.toISOString() ?? null,
    createdAt: agent.createdAt.toISOString(),
    updatedAt: agent.updatedAt.toISOString(),
  };
}

function canaryOf(versions: AgentRow["versions"]) {
  const canary = versions.find((version) => version.stage === "canary");
  return canary ? { label: canary.label, percent: canary.trafficPercent } : null;
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
