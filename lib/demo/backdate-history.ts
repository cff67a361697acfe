import { db } from "../db/client";
import { transaction } from "../db/transaction";
import { DEMO_HISTORY_AGENT, demoHistoryReleases, demoHistoryReleasesAt, seededAtFrom } from "./demo-history";

const STEP_MS = 20 * 60_000; // between a version's earlier steps (staging) and its production deploy

export type HistoryTimes = { releases: { label: string; at: number }[]; seededAt: number };

// The seed plays the claims agent's releases through the versions API, all at the seed's time. This
// moves them to when the demo's story has them (demo-history.ts: v1 ten days ago … v4 three hours
// ago): each version's deployment events, in their order, end at its production time, each version's
// stage_changed_at follows, and the agent's seeded policies date from before v1. agent_versions.created_at
// stays the seed's time (the table's immutability trigger refuses it, rightly), and so do the audit
// entries (hash-chained).
// Only on a fresh demo: the history is the seed's alone (every event by the seeder) and the agent has
// sent nothing yet; once moved, it is never moved again.
export async function backdateDemoHistory(seederLabel: string): Promise<{ backdated: boolean }> {
  const agent = await db().agent.findUnique({ where: { slug: DEMO_HISTORY_AGENT }, select: { id: true } });
  if (!agent) return { backdated: false };
  const events = await db().deploymentEvent.findMany({ where: { agentId: agent.id }, orderBy: { id: "asc" } });
  const planned = new Set(demoHistoryReleases.map((release) => release.label));
  if (events.length === 0 || events.some((event) => event.byLabel !== seederLabel || !planned.has(event.label))) return { backdated: false };
  if (productionAt(events, demoHistoryReleases[0].label) === undefined) return { backdated: false };
  if (alreadyBackdated(events)) return { backdated: false };
  if (await db().trace.findFirst({ where: { agentId: agent.id }, select: { traceId: true } })) return { backdated: false };

  const seededAt = Math.max(...events.map((event) => event.at.getTime()));
  const releases = demoHistoryReleasesAt(seededAt);
  await transaction(async (tx) => {
    for (const release of releases) {
      const own = events.filter((event) => event.label === release.label);
      for (const [i, event] of own.entries()) {
        await tx.deploymentEvent.update({ where: { id: event.id }, data: { at: new Date(release.at - (own.length - 1 - i) * STEP_MS) } });
      }
    }
    // The agent's policies (the seed's first versions) were in force before its first release: left at
    // the seed's time they would be the latest change before v4's drift and named as its likely cause.
    const before = new Date(releases[0].at - own0(events, releases[0].label) * STEP_MS - STEP_MS);
    const policies = await tx.policy.findMany({ where: { agentId: agent.id }, select: { id: true, versions: { select: { version: true } } } });
    for (const policy of policies) {
      if (policy.versions.length !== 1 || policy.versions[0].version !== 1) continue;
      await tx.policyVersion.update({ where: { policyId_version: { policyId: policy.id, version: 1 } }, data: { createdAt: before } });
      await tx.policy.update({ where: { id: policy.id }, data: { createdAt: before } });
    }
    // A version's stage last changed when it reached production, or when the next one replaced it.
    for (const [i, release] of releases.entries()) {
      const changed = releases[i + 1]?.at ?? release.at;
      await tx.agentVersion.updateMany({ where: { agentId: agent.id, label: release.label, stage: { not: "development" } }, data: { stageChangedAt: new Date(changed) } });
    }
  });
  return { backdated: true };
}

// The claims agent's release times as the (backdated) timeline has them, or null when it does not
// tell the demo's story (not backdated, or a version never reached production).
export async function demoHistoryTimes(): Promise<(HistoryTimes & { agentId: string }) | null> {
  const agent = await db().agent.findUnique({ where: { slug: DEMO_HISTORY_AGENT }, select: { id: true } });
  if (!agent) return null;
  const events = await db().deploymentEvent.findMany({ where: { agentId: agent.id }, orderBy: { id: "asc" } });
  if (!(alreadyBackdated(events))) return null;
  const releases = [];
  for (const release of demoHistoryReleases) {
    const at = productionAt(events, release.label);
    if (at === undefined) return null;
    releases.push({ label: release.label, at });
  }
  return { agentId: agent.id, releases, seededAt: seededAtFrom(releases[releases.length - 1].at) };
}

const own0 = (events: Event[], label: string) => events.filter((event) => event.label === label).length;

type Event = { label: string; at: Date; kind: string; toStage: string | null };

// The first time the label reached production (promoted to production, or an approved request).
function productionAt(events: Event[], label: string): number | undefined {
  const event = events.find((e) => e.label === label && (e.toStage === "production" || e.kind === "production_approved"));
  return event?.at.getTime();
}

// The first release's production deploy lies days back only once the history was moved.
function alreadyBackdated(events: Event[]) {
  const first = productionAt(events, demoHistoryReleases[0].label);
  return first !== undefined && Date.now() - first > demoHistoryReleases[0].agoMs / 2;
}
