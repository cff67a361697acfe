import { transaction } from "../db/transaction";
import type { Tx } from "../db/client";
import { assertCan, actorOf, type Principal } from "../auth/principal";
import type { Permission } from "../auth/permissions";
import { AppError } from "../errors/app-error";
import { promoteSchema, type PromotableStage } from "./schemas";
import { findVersion, lockDeployment, moveVersion, setProductionShare, type Deployment } from "./deployment-state";
import { decideStageChange } from "./stage-rules";
import { evaluationGate } from "./evaluation-gate";
import { makeProduction } from "./make-production";
import { recordDeployment } from "./record-deployment";
import { toVersionBundle } from "./version-view";
import { toPromotionView } from "./promotion-view";

const DEFAULT_CANARY_PERCENT = 10;

const permissionFor: Record<PromotableStage, Permission> = {
  staging: "versions:promote",
  canary: "versions:promote",
  production: "versions:request-production",
};

export type PromoteResult =
  | { kind: "moved"; version: ReturnType<typeof toVersionBundle> }
  | { kind: "requested"; promotion: ReturnType<typeof toPromotionView> };

// Moves a version along the path (stage-rules.ts says who may), or files a developer's production
// request for a reviewer. Moving a canary back to staging ends it.
export async function promoteVersion(principal: Principal, slug: string, label: string, rawInput: unknown): Promise<PromoteResult> {
  const input = promoteSchema.parse(rawInput ?? {});
  assertCan(principal, permissionFor[input.stage]);
  return transaction(async (tx) => {
    const deployment = await lockDeployment(tx, principal, slug);
    const version = await findVersion(tx, deployment.agent.id, label);
    const gate = input.stage === "staging" ? ({ kind: "none" } as const) : await evaluationGate(tx, deployment.agent.id, version.id);
    const canaryPercent = input.stage === "canary" ? (input.canaryPercent ?? (version.stage === "canary" ? version.trafficPercent : DEFAULT_CANARY_PERCENT)) : null;
    if (version.stage === "canary" && input.stage === "canary" && canaryPercent === version.trafficPercent) {
      return { kind: "moved", version: toVersionBundle(version) };
    }
    const decision = decideStageChange({
      role: principal.kind === "system" ? "system" : principal.role,
      from: version.stage,
      to: input.stage,
      gate,
      hasProduction: deployment.production !== null,
      otherCanary: deployment.canary && deployment.canary.id !== version.id ? deployment.canary.label : null,
      reason: input.reason,
    });
    if (decision.action === "none") return { kind: "moved", version: toVersionBundle(version) };
    if (decision.action === "request") {
      return { kind: "requested", promotion: await fileProductionRequest(tx, principal, deployment, version, input.reason ?? "", decision.ungated) };
    }
    const { agent } = deployment;
    const reason = input.reason ?? null;
    if (input.stage === "production") {
      const done = await makeProduction(tx, principal, deployment, version, { kind: "promoted", reason, ungated: decision.ungated });
      return { kind: "moved", version: toVersionBundle(done.version) };
    }
    if (input.stage === "canary") {
      const moved = await moveVersion(tx, version, "canary", canaryPercent!, decision.ungated);
      await setProductionShare(tx, deployment, canaryPercent!);
      await recordDeployment(tx, principal, {
        agent,
        kind: "canary_started",
        version,
        fromLabel: deployment.production?.label ?? null,
        fromStage: version.stage,
        toStage: "canary",
        canaryPercent,
        reason,
        ungated: decision.ungated,
        details: version.stage === "canary" ? { previousPercent: version.trafficPercent } : null,
      });
      return { kind: "moved", version: toVersionBundle(moved) };
    }
    const moved = await moveVersion(tx, version, "staging", 0);
    if (version.stage === "canary") await setProductionShare(tx, deployment, 0);
    await recordDeployment(tx, principal, {
      agent,
      kind: version.stage === "canary" ? "canary_ended" : "promoted",
      version,
      fromStage: version.stage,
      toStage: "staging",
      reason,
    });
    return { kind: "moved", version: toVersionBundle(moved) };
  });
}

// A pending request for the same version is answered again rather than filed twice.
async function fileProductionRequest(tx: Tx, principal: Principal, deployment: Deployment, version: { id: string; label: string; stage: string }, reason: string, ungated: boolean) {
  const { agent } = deployment;
  const existing = await tx.promotionRequest.findFirst({ where: { versionId: version.id, status: "pending" } });
  if (existing) return toPromotionView(existing, { agent, label: version.label, fromStage: version.stage });
  if (principal.kind !== "user") throw new AppError("forbidden", "Only a person can ask for production");
  const actor = actorOf(principal);
  const request = await tx.promotionRequest.create({
    data: { agentId: agent.id, versionId: version.id, toStage: "production", reason, ungated, requestedById: principal.userId, requestedByLabel: actor.actorLabel },
  });
  await recordDeployment(tx, principal, {
    agent,
    kind: "production_requested",
    version,
    fromLabel: deployment.production?.label ?? null,
    fromStage: version.stage,
    toStage: "production",
    reason,
    ungated,
    requestId: request.id,
  });
  return toPromotionView(request, { agent, label: version.label, fromStage: version.stage });
}
