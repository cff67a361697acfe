import type { Tx } from "../db/client";
import { actorOf, type Principal } from "../auth/principal";
import { recordAudit } from "../audit/record-audit";
import { emit } from "../events/emit";
import { deploymentChanged } from "./events";
import type { DeploymentKind } from "./schemas";

export type DeploymentEntry = {
  agent: { id: string; teamId: string; slug: string };
  kind: DeploymentKind;
  version: { id: string; label: string };
  fromLabel?: string | null;
  fromStage?: string | null;
  toStage?: string | null;
  canaryPercent?: number | null;
  reason?: string | null;
  ungated?: boolean;
  requestId?: string | null;
  details?: Record<string, unknown> | null;
  // Who made it happen, when not the acting principal (Control Room's guarded canary acts as system).
  by?: Principal;
};

// One timeline entry, its audit entry and its event, in the transaction of the change itself.
export async function recordDeployment(tx: Tx, principal: Principal, entry: DeploymentEntry) {
  const actor = actorOf(entry.by ?? principal);
  const row = await tx.deploymentEvent.create({
    data: {
      agentId: entry.agent.id,
      kind: entry.kind,
      versionId: entry.version.id,
      label: entry.version.label,
      fromLabel: entry.fromLabel ?? null,
      fromStage: entry.fromStage ?? null,
      toStage: entry.toStage ?? null,
      canaryPercent: entry.canaryPercent ?? null,
      byId: actor.actorId,
      byLabel: actor.actorLabel,
      reason: entry.reason?.trim() || null,
      ungated: entry.ungated ?? false,
      requestId: entry.requestId ?? null,
      details: (entry.details ?? undefined) as object | undefined,
    },
  });
  await recordAudit(tx, entry.by ?? principal, {
    action: `version.${entry.kind}`,
    targetType: "agent_version",
    targetId: entry.version.id,
    teamId: entry.agent.teamId,
    before: { agent: entry.agent.slug, label: entry.fromLabel ?? entry.version.label, stage: entry.fromStage ?? null },
    after: {
      agent: entry.agent.slug,
      label: entry.version.label,
      stage: entry.toStage ?? null,
      ...(entry.canaryPercent != null ? { canaryPercent: entry.canaryPercent } : {}),
      ...(entry.reason ? { reason: entry.reason } : {}),
      ...(entry.ungated ? { ungated: true } : {}),
      ...(entry.details ? { details: entry.details } : {}),
    },
  });
  await emit(tx, deploymentChanged, {
    entryId: row.id.toString(),
    agentId: entry.agent.id,
    teamId: entry.agent.teamId,
    kind: entry.kind,
    label: entry.version.label,
    fromLabel: entry.fromLabel ?? null,
    toStage: entry.toStage ?? null,
    by: actor.actorLabel,
    // NOTIFY carries at most 8,000 bytes: the full reason is in the timeline row.
    reason: entry.reason ? entry.reason.slice(0, 1000) : null,
    automatic: entry.details?.automatic === true,
  });
}
