import { transaction } from "../db/transaction";
import { assertCan, type Principal } from "../auth/principal";
import { AppError, forbidden } from "../errors/app-error";
import { notVisible } from "../auth/team-access";
import { isUuid } from "../db/ids";
import { decidePromotionSchema } from "./schemas";
import { lockDeployment } from "./deployment-state";
import { evaluationGate } from "./evaluation-gate";
import { makeProduction } from "./make-production";
import { recordDeployment } from "./record-deployment";
import { toPromotionView } from "./promotion-view";

// A reviewer (or admin) approves or rejects a developer's production request. Nobody decides their
// own request. Approval re-checks the version against the path and the gate as they are now: a canary
// that ended since the request was filed is no longer a candidate.
export async function decidePromotion(principal: Principal, requestId: string, rawInput: unknown) {
  assertCan(principal, "versions:approve-production");
  const input = decidePromotionSchema.parse(rawInput ?? {});
  if (!isUuid(requestId)) throw notVisible("Promotion request");
  return transaction(async (tx) => {
    const found = await tx.promotionRequest.findUnique({ where: { id: requestId } });
    if (!found) throw notVisible("Promotion request");
    const deployment = await lockDeployment(tx, principal, found.agentId);
    // Re-read under the agent's lock: a concurrent decision has finished by now.
    const request = (await tx.promotionRequest.findUnique({ where: { id: requestId } }))!;
    const version = await tx.agentVersion.findUniqueOrThrow({ where: { id: request.versionId } });
    const context = { agent: deployment.agent, label: version.label, fromStage: version.stage };
    if (request.status !== "pending") {
      throw new AppError("conflict", `This request was already ${request.status}${request.decidedByLabel ? ` by ${request.decidedByLabel}` : ""}`);
    }
    if (principal.kind === "user" && request.requestedById === principal.userId) {
      throw forbidden("You asked for this promotion: another reviewer must decide it");
    }
    const decided = { decidedById: principal.kind === "user" ? principal.userId : null, decidedByLabel: principal.kind === "user" ? principal.email : principal.label, decidedAt: new Date(), decisionNote: input.note || null };

    if (input.verdict === "reject") {
      const rejected = await tx.promotionRequest.update({ where: { id: request.id }, data: { status: "rejected", ...decided } });
      await recordDeployment(tx, principal, { agent: deployment.agent, kind: "production_rejected", version, fromStage: version.stage, toStage: version.stage, reason: input.note || null, requestId: request.id });
      return toPromotionView(rejected, context);
    }

    const eligible = version.stage === "canary" || (version.stage === "staging" && deployment.production === null);
    if (!eligible) {
      throw new AppError("conflict", version.stage === "production" ? `${version.label} is already in production: reject the request` : `${version.label} is in ${version.stage} now, no longer a candidate for production: reject the request`);
    }
    const gate = await evaluationGate(tx, deployment.agent.id, version.id);
    if (gate.kind === "failed") throw new AppError("evaluation_required", gate.message, { details: gate.details });
    await makeProduction(tx, principal, deployment, version, {
      kind: "production_approved",
      reason: input.note || request.reason || null,
      ungated: gate.kind !== "passed",
      requestId: request.id,
    });
    const approved = await tx.promotionRequest.update({ where: { id: request.id }, data: { status: "approved", ...decided } });
    return toPromotionView(approved, { ...context, fromStage: version.stage });
  });
}
