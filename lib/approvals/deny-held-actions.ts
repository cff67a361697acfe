import type { Tx } from "../db/client";
import type { SystemPrincipal } from "../auth/principal";
import { recordAudit } from "../audit/record-audit";
import { emit } from "../events/emit";
import { heldActionSettled } from "./events";
import type { GuardReason } from "../guard/schemas";

type StoppedAgent = { id: string; slug: string; teamId: string; status: "paused" | "terminated" };
type Cause = { action: string; by: string; reason?: string };

// The actor of these denials: nobody decided them, the agent's new status did.
const stoppedAgentActor: SystemPrincipal = { kind: "system", label: "control-room (agent stopped)" };

// A paused or terminated agent's held actions must never be released: in the transaction that stops
// the agent, every hold of it still waiting becomes a deny (reason agent_paused), decided by the system
// and audited one by one; each is a heldActionSettled event (waiting agents wake on commit). Holds already past
// their expiry are left to expire as they would have. Returns the ids it denied.
export async function denyHeldActionsOf(tx: Tx, agent: StoppedAgent, cause: Cause): Promise<string[]> {
  const now = new Date();
  const reasons: GuardReason[] = [
    { code: "agent_paused", message: `Agent ${agent.slug} was ${agent.status} by ${cause.by} while this action waited for a reviewer: it is denied` },
  ];
  const denied = await tx.guardDecision.updateManyAndReturn({
    where: { agentId: agent.id, status: "pending", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    data: { status: "decided", finalVerdict: "deny", finalReasons: reasons, decidedById: null, decidedAt: now, decisionNote: cause.reason || null },
    select: { id: true },
  });
  for (const { id } of denied) {
    await recordAudit(tx, stoppedAgentActor, {
      action: "approval.deny",
      targetType: "guard_decision",
      targetId: id,
      teamId: agent.teamId,
      before: { status: "pending", verdict: "hold" },
      after: { status: "decided", verdict: "deny", reason: "agent_paused", cause: { action: cause.action, by: cause.by, ...(cause.reason ? { reason: cause.reason } : {}) } },
    });
    await emit(tx, heldActionSettled, { decisionId: id });
  }
  return denied.map(({ id }) => id);
}
