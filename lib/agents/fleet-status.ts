import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { teamAccess } from "../auth/team-access";
import { agentInclude } from "./agent-view";

const ONLINE_WINDOW_MS = 5 * 60_000;

// The overview's fleet tiles: agents by status, how many were seen in the last five minutes, and
// the most recently seen agents.
export async function getFleetStatus(principal: Principal) {
  assertCan(principal, "dashboard:read");
  const where = teamAccess(principal).where();
  const onlineSince = new Date(Date.now() - ONLINE_WINDOW_MS);
  const [byStatus, online, recent] = await Promise.all([
    db().agent.groupBy({ by: ["status"], where, _count: { _all: true } }),
    db().agent.count({ where: { ...where, status: "active", lastSeenAt: { gte: onlineSince } } }),
    db().agent.findMany({
      where: { ...where, status: { not: "terminated" } },
      orderBy: [{ lastSeenAt: { sort: "desc", nulls: "last" } }, { slug: "asc" }],
      take: 8,
      select: { slug: true, name: true, status: true, lastSeenAt: true, team: { select: { name: true } }, versions: agentInclude.versions },
    }),
  ]);
  const count = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  return {
    active: count("active"),
    paused: count("paused"),
    terminated: count("terminated"),
    total: byStatus.reduce((sum, row) => sum + row._count._all, 0),
    onlineLast5m: online,
    recent: recent.map((agent) => ({
      slug: agent.slug,
      name: agent.name,
      team: agent.team.name,
      status: agent.status,
      lastSeenAt: agent.lastSeenAt?.toISOString() ?? null,
      ...deployedVersions(agent.versions),
    })),
    generatedAt: new Date().toISOString(),
  };
}
// What each agent serves, in the same words as everywhere else (lib/agents/agent-view.ts).
function deployedVersions(versions: { label: string; stage: string; trafficPercent: number }[]) {
  const production = versions.find((version) => version.stage === "production");
  const canary = versions.find((version) => version.stage === "canary");
  return { productionVersion: production?.label ?? null, canary: canary ? { label: canary.label, percent: canary.trafficPercent } : null };
}

export type FleetStatus = Awaited<ReturnType<typeof getFleetStatus>>;
