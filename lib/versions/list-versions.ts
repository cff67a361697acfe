import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { findAgentForPrincipal } from "../agents/get-agent";
import { findVersion } from "./deployment-state";
import { toVersionBundle, toVersionSummary, versionOrder } from "./version-view";
import { versionLabelSchema, type DeploymentKind } from "./schemas";
import { describeChanges } from "./compare-versions";

const MAX_VERSIONS = 1000;
const MAX_EVENTS = 500;

// An agent's versions, newest first (a CI pipeline creating one per merge reaches hundreds: the newest
// thousand are listed).
export async function listVersions(principal: Principal, slug: string) {
  assertCan(principal, "versions:read");
  const agent = await findAgentForPrincipal(db(), principal, slug);
  const versions = await db().agentVersion.findMany({
    where: { agentId: agent.id },
    orderBy: versionOrder,
    take: MAX_VERSIONS,
    omit: { prompt: true, params: true, knowledgeBase: true, tools: true, policyVersion: true },
  });
  return versions.map(toVersionSummary);
}

export async function getVersion(principal: Principal, slug: string, label: string) {
  assertCan(principal, "versions:read");
  const agent = await findAgentForPrincipal(db(), principal, slug);
  return toVersionBundle(await findVersion(db(), agent.id, versionLabelSchema.parse(label)));
}

// The deployment timeline, newest first.
export async function listDeployments(principal: Principal, slug: string) {
  assertCan(principal, "versions:read");
  const agent = await findAgentForPrincipal(db(), principal, slug);
  const events = await db().deploymentEvent.findMany({ where: { agentId: agent.id }, orderBy: { id: "desc" }, take: MAX_EVENTS });
  return events.map((event) => ({
    at: event.at,
    kind: event.kind as DeploymentKind,
    label: event.label,
    fromLabel: event.fromLabel,
    fromStage: event.fromStage,
    toStage: event.toStage,
    canaryPercent: event.canaryPercent,
    by: event.byLabel,
    reason: event.reason,
    ungated: event.ungated,
    details: (event.details ?? null) as unknown,
  }));
}

// Two versions side by side, with what changed from base to head.
export async function compareVersions(principal: Principal, slug: string, baseLabel: string, headLabel: string) {
  assertCan(principal, "versions:read");
  const agent = await findAgentForPrincipal(db(), principal, slug);
  const [base, head] = await Promise.all([findVersion(db(), agent.id, baseLabel), findVersion(db(), agent.id, headLabel)]);
  const bundles = { base: toVersionBundle(base), head: toVersionBundle(head) };
  return { ...bundles, changes: describeChanges(bundles.base, bundles.head) };
}
