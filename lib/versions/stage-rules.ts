import { AppError, forbidden } from "../errors/app-error";
import type { Role } from "../auth/roles";
import type { PromotableStage, VersionStage } from "./schemas";

// Who may move a version where: the path development → staging → canary → production, as one pure
// function so the role × transition matrix is tested without a database.
//
// - staging: developers (of the agent's team) and admins; also ends a canary (canary → staging).
// - canary: needs the agent's evaluation gate to have passed this version. Until the agent has a
//   gating suite (issue 13), only an admin starts a canary, with a reason, and it is marked ungated.
//   A canary needs a production version to split traffic with, and one canary at a time.
// - production: a developer asks (a request a reviewer decides) for a version in canary, or in
//   staging when nothing is in production yet (the first deploy has no traffic to canary against).
//   An admin deploys directly from any stage, with a reason. A failed gate stops both (409
//   evaluation_required); an admin may override it with a reason, and the deploy is marked ungated.
// Leaving production is a rollback's or a newer production's job, never a promotion's.

export type Gate = { kind: "none" } | { kind: "passed" } | { kind: "failed"; message: string; details?: unknown };

export type StageRequest = {
  role: Role | "system";
  from: VersionStage;
  to: PromotableStage;
  gate: Gate;
  hasProduction: boolean;
  // Another version's canary, if one runs.
  otherCanary: string | null;
  reason?: string;
};

export type StageDecision =
  | { action: "none" }
  | { action: "move"; ungated: boolean }
  | { action: "request"; ungated: boolean };

const order: Record<VersionStage, number> = { development: 0, staging: 1, retired: 1, canary: 2, production: 3 };

export function decideStageChange(request: StageRequest): StageDecision {
  const { role, from, to, gate } = request;
  const admin = role === "admin" || role === "system";
  if (role !== "developer" && !admin) throw forbidden(`Your role (${role}) may not move versions: developers and admins do`);
  if (from === to && to !== "canary") return { action: "none" };
  if (from === "production") {
    throw new AppError("conflict", "This version is in production: roll back or promote another version to replace it");
  }
  const needsReason = (why: string) => {
    if (!request.reason?.trim()) throw new AppError("validation_failed", `A reason is required: ${why}`, { details: { fieldErrors: { reason: ["Required"] }, formErrors: [] } });
  };

  if (to === "staging") return { action: "move", ungated: false };

  if (to === "canary") {
    if (!request.hasProduction) throw new AppError("conflict", "Nothing is in production yet, so there is no traffic to split: deploy a first version to production");
    if (request.otherCanary) throw new AppError("conflict", `${request.otherCanary} is in canary: end it (move it to staging) or promote it first`);
    if (gate.kind === "failed" && !admin) throw evaluationRequired(gate);
    if (admin) {
      if (gate.kind !== "passed") needsReason("no passed evaluation vouches for this version (the deploy is marked ungated)");
      else if (order[from] < order.staging) needsReason("the version skips staging");
      return { action: "move", ungated: gate.kind !== "passed" };
    }
    if (gate.kind === "none") throw forbidden("This agent has no gating evaluation suite yet: only an admin can start a canary (with a reason)");
    if (from === "development") throw new AppError("conflict", "Move the version to staging first");
    return { action: "move", ungated: false };
  }

  // to === "production"
  if (gate.kind === "failed" && !admin) throw evaluationRequired(gate);
  if (admin) {
    needsReason(gate.kind === "passed" ? "a direct deploy to production" : "no passed evaluation vouches for this version (the deploy is marked ungated)");
    return { action: "move", ungated: gate.kind !== "passed" };
  }
  const firstDeploy = !request.hasProduction && from === "staging";
  if (from !== "canary" && !firstDeploy) {
    throw new AppError("conflict", request.hasProduction ? "Production is asked for from canary: run this version as a canary first" : "Move the version to staging first");
  }
  return { action: "request", ungated: gate.kind !== "passed" };
}

function evaluationRequired(gate: Extract<Gate, { kind: "failed" }>) {
  return new AppError("evaluation_required", gate.message, { details: gate.details });
}
