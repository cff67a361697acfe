import { db, type Tx } from "../db/client";
import { scopeLabel } from "../policies/policy-scope";

// What changed around an agent in a time range, oldest first: the likely causes a drift alert names,
// the annotations of a drift chart and the changes on an incident's timeline. Read from the records
// each change already leaves (deployment_events, policy_versions, model_changes), so nothing has to
// remember to report itself.
//
// - version: a version reached production (or started a canary, with its share)
// - knowledge_base: the version that reached production carries another knowledge base than the one
//   it replaced (the seed's drift story: "knowledge base updated 3 h before the shift (v4)")
// - rollback: production went back to an earlier version
// - policy: a new version of one of the agent's policies
// - provider_model: the model answering a version's calls changed without a new version

export type AgentChangeKind = "version" | "knowledge_base" | "rollback" | "policy" | "provider_model";

export type AgentChange = {
  at: Date;
  kind: AgentChangeKind;
  label: string;
  detail: string;
  // The version change to open as a diff (base → head), when the change is one.
  diff?: { base: string | null; head: string };
};

const MAX_CHANGES = 500;

type KnowledgeBase = { id?: string; version?: string } | null;
const knowledgeBaseText = (kb: KnowledgeBase) => (kb?.id ? `${kb.id} ${kb.version ?? ""}`.trim() : "none");

// `client`: the transaction to read in, when the caller holds one (the embedded database has one
// connection: a read outside the caller's transaction would wait for it).
export async function listAgentChanges(agentId: string, from: Date, to: Date, client: Tx = db()): Promise<AgentChange[]> {
  const [deployments, policyVersions, modelChanges] = await Promise.all([
    client.deploymentEvent.findMany({
      where: { agentId, at: { gte: from, lte: to }, kind: { in: ["promoted", "production_approved", "canary_started", "rolled_back"] } },
      orderBy: { id: "asc" },
      take: MAX_CHANGES,
    }),
    client.policyVersion.findMany({
      where: { policy: { agentId }, createdAt: { gte: from, lte: to } },
      include: { policy: { select: { workflow: true, decisionType: true } } },
      orderBy: { createdAt: "asc" },
      take: MAX_CHANGES,
    }),
    client.modelChange.findMany({ where: { agentId, at: { gte: from, lte: to } }, orderBy: { at: "asc" }, take: MAX_CHANGES }),
  ]);

  const labels = [...new Set(deployments.flatMap((event) => [event.label, event.fromLabel ?? ""]).filter(Boolean))];
  const bundles = labels.length
    ? await client.agentVersion.findMany({ where: { agentId, label: { in: labels } }, select: { label: true, knowledgeBase: true, model: true } })
    : [];
  const bundleOf = new Map(bundles.map((bundle) => [bundle.label, bundle]));

  const changes: AgentChange[] = [];
  for (const event of deployments) {
    const toProduction = event.kind === "rolled_back" || event.kind === "production_approved" || event.toStage === "production";
    if (event.kind === "rolled_back") {
      changes.push({
        at: event.at,
        kind: "rollback",
        label: `Rolled back to ${event.label}`,
        detail: `${event.fromLabel ?? "production"} → ${event.label} by ${event.byLabel}${event.reason ? `: ${event.reason}` : ""}`,
        diff: { base: event.fromLabel, head: event.label },
      });
      continue;
    }
    if (event.kind === "canary_started") {
      changes.push({
        at: event.at,
        kind: "version",
        label: `${event.label} canary ${event.canaryPercent ?? "?"}%`,
        detail: `${event.label} serves ${event.canaryPercent ?? "?"}% of new sessions (by ${event.byLabel})`,
        diff: { base: event.fromLabel, head: event.label },
      });
      continue;
    }
    if (!toProduction) continue;
    changes.push({
      at: event.at,
      kind: "version",
      label: `${event.label} to production`,
      detail: `${event.fromLabel ? `${event.fromLabel} → ` : ""}${event.label} by ${event.byLabel}${event.reason ? `: ${event.reason}` : ""}`,
      diff: { base: event.fromLabel, head: event.label },
    });
    const before = event.fromLabel ? (bundleOf.get(event.fromLabel)?.knowledgeBase as KnowledgeBase) : null;
    const after = bundleOf.get(event.label)?.knowledgeBase as KnowledgeBase;
    if (event.fromLabel && knowledgeBaseText(before) !== knowledgeBaseText(after)) {
      changes.push({
        at: event.at,
        kind: "knowledge_base",
        label: `Knowledge base updated (${event.label})`,
        detail: `${knowledgeBaseText(before)} → ${knowledgeBaseText(after)}`,
        diff: { base: event.fromLabel, head: event.label },
      });
    }
  }
  for (const policyVersion of policyVersions) {
    const scope = scopeLabel(policyVersion.policy);
    changes.push({
      at: policyVersion.createdAt,
      kind: "policy",
      label: `Policy ${scope} v${policyVersion.version}`,
      detail: policyVersion.note || `A new version of the ${scope} policy`,
    });
  }
  for (const change of modelChanges) {
    changes.push({
      at: change.at,
      kind: "provider_model",
      label: `Provider model changed${change.version ? ` (${change.version})` : ""}`,
      detail: `${change.fromModel} → ${change.toModel}, without a new version`,
    });
  }
  return changes.sort((a, b) => a.at.getTime() - b.at.getTime()).slice(-MAX_CHANGES);
}

// "knowledge base updated 3 h before the shift (v4)": how long before a moment a change happened.
export function describeLead(change: Pick<AgentChange, "at">, moment: Date): string {
  const minutes = Math.round((moment.getTime() - change.at.getTime()) / 60_000);
  const span = Math.abs(minutes);
  const amount = span < 60 ? `${span} min` : span < 48 * 60 ? `${Math.round(span / 60)} h` : `${Math.round(span / 1440)} d`;
  return minutes >= 0 ? `${amount} before` : `${amount} after`;
}
