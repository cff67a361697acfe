import type { Tx } from "../db/client";
import type { Principal } from "../auth/principal";
import { AppError, notFound } from "../errors/app-error";
import { findAgentForPrincipal } from "../agents/get-agent";
import type { VersionStage } from "./schemas";

// An agent's deployment, read under a row lock on the agent: promotions, decisions, rollbacks and the
// guarded canary of one agent happen one at a time, whichever replica runs them.
export async function lockDeployment(tx: Tx, principal: Principal, slugOrId: string) {
  const agent = await findAgentForPrincipal(tx, principal, slugOrId);
  if (agent.status === "terminated") throw new AppError("conflict", `Agent "${agent.slug}" is terminated: nothing is deployed for it any more`);
  await tx.$queryRaw`SELECT id FROM agents WHERE id = ${agent.id}::uuid FOR UPDATE`;
  const serving = await tx.agentVersion.findMany({ where: { agentId: agent.id, stage: { in: ["production", "canary"] } } });
  return {
    agent,
    production: serving.find((version) => version.stage === "production") ?? null,
    canary: serving.find((version) => version.stage === "canary") ?? null,
  };
}

export type Deployment = Awaited<ReturnType<typeof lockDeployment>>;
type VersionRef = { id: string; label: string; stage?: string };

export async function findVersion(tx: Tx, agentId: string, label: string) {
  const version = await tx.agentVersion.findUnique({ where: { agentId_label: { agentId, label } } });
  if (!version) throw notFound(`Version ${label}`);
  return version;
}

// Stage moves. The partial unique indexes allow one production and one canary per agent, so a version
// leaves a stage before another enters it. A new share keeps the time the stage began (a canary's
// comparison window starts when the canary did).
export function moveVersion(tx: Tx, version: VersionRef, stage: VersionStage, trafficPercent: number, ungated?: boolean) {
  return tx.agentVersion.update({
    where: { id: version.id },
    data: { stage, trafficPercent, ...(version.stage === stage ? {} : { stageChangedAt: new Date() }), ...(ungated === undefined ? {} : { ungated }) },
  });
}

export function setProductionShare(tx: Tx, deployment: Deployment, canaryPercent: number) {
  if (!deployment.production) return Promise.resolve(null);
  return tx.agentVersion.update({ where: { id: deployment.production.id }, data: { trafficPercent: 100 - canaryPercent } });
}
