import type { Tx } from "../db/client";
import type { Principal } from "../auth/principal";
import { moveVersion, type Deployment } from "./deployment-state";
import { recordDeployment } from "./record-deployment";

type Target = { id: string; label: string; stage: string };

// Puts a version in production: a canary of another version ends (back to staging), the production
// version it replaces retires, and the timeline says who did it and why.
export async function makeProduction(
  tx: Tx,
  principal: Principal,
  deployment: Deployment,
  version: Target,
  entry: { kind: "promoted" | "production_approved" | "rolled_back"; reason?: string | null; ungated?: boolean; requestId?: string | null },
) {
  const { agent, production: previous, canary } = deployment;
  const endedCanary = canary && canary.id !== version.id ? canary : null;
  if (endedCanary) {
    await moveVersion(tx, endedCanary, "staging", 0);
    await recordDeployment(tx, principal, {
      agent,
      kind: "canary_ended",
      version: endedCanary,
      fromStage: "canary",
      toStage: "staging",
      reason: entry.kind === "rolled_back" ? `Rollback to ${version.label}: ${entry.reason ?? ""}`.trim() : `${version.label} went to production`,
    });
  }
  if (previous && previous.id !== version.id) await moveVersion(tx, previous, "retired", 0);
  const moved = await moveVersion(tx, version, "production", 100, entry.kind === "rolled_back" ? undefined : (entry.ungated ?? false));
  await recordDeployment(tx, principal, {
    agent,
    kind: entry.kind,
    version,
    fromLabel: previous?.label ?? null,
    fromStage: version.stage,
    toStage: "production",
    reason: entry.reason,
    ungated: entry.ungated,
    requestId: entry.requestId,
  });
  return { version: moved, previous, endedCanary };
}
