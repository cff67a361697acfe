import { db } from "../db/client";
import { actorOf, assertCan, type Principal } from "../auth/principal";
import { AppError } from "../errors/app-error";
import type { Permission } from "../auth/permissions";
import { recordAudit } from "../audit/record-audit";
import { agentStatusChangeSchema, type AgentStatus } from "./schemas";
import { agentInclude, toAgentView } from "./agent-view";
import { findAgentForPrincipal } from "./get-agent";
import { forgetCachedAgents } from "./cached-agents";
import { publishAgentChange } from "../db/change-events";
import { denyHeldActionsOf } from "../approvals/deny-held-actions";
import { announceDecision } from "../guard/decision-events";

const transitions = {
  pause: { permission: "agents:pause", to: "paused", from: ["active"] },
  resume: { permission: "agents:resume", to: "active", from: ["paused"] },
  terminate: { permission: "agents:terminate", to: "terminated", from: ["active", "paused"] },
} as const satisfies Record<string, { permission: Permission; to: AgentStatus; from: AgentStatus[] }>;

export type AgentStatusChange = keyof typeof transitions;

// A runaway agent may have many holds waiting: each denial is a row, an audit entry and a NOTIFY.
const STOP_TIMEOUT_MS = 60_000;

// Pause and resume (the kill switch) and terminate, which is final. Repeating a change is a no-op.
// Pausing or terminating also denies the agent's held actions still waiting for a reviewer, in the same
// transaction: a stopped agent's held action can never be released (see lib/approvals/deny-held-actions.ts).
export async function changeAgentStatus(principal: Principal, slug: string, change: AgentStatusChange, rawInput: unknown = {}) {
  const transition = transitions[change];
  assertCan(principal, transition.permission);
  const { reason } = agentStatusChangeSchema.parse(rawInput ?? {});
  let deniedDecisionIds: string[] = [];
  const view = await db().$transaction(async (tx) => {
    const current = await findAgentForPrincipal(tx, principal, slug);
    if (current.status === transition.to) return toAgentView(current);
    if (!(transition.from as readonly string[]).includes(current.status)) {
      throw new AppError("conflict", `Agent "${current.slug}" is ${current.status} and cannot be ${transition.to === "active" ? "resumed" : transition.to}`);
    }
    const agent = await tx.agent.update({
      where: { id: current.id },
      data: { status: transition.to },
      include: agentInclude,
    });
    await recordAudit(tx, principal, {
      action: `agent.${change}`,
      targetType: "agent",
      targetId: agent.id,
      teamId: agent.teamId,
      before: { slug: current.slug, status: current.status },
      after: { slug: agent.slug, status: agent.status, ...(reason ? { reason } : {}) },
    });
    if (agent.status === "paused" || agent.status === "terminated") {
      deniedDecisionIds = await denyHeldActionsOf(tx, { id: agent.id, slug: agent.slug, teamId: agent.teamId, status: agent.status }, { action: `agent.${change}`, by: actorOf(principal).actorLabel, reason });
    }
    await publishAgentChange(tx);
    return toAgentView(agent);
  }, { timeout: STOP_TIMEOUT_MS });
  // Cached agent keys carry the agent's team and refuse terminated agents: forget them once committed.
  forgetCachedAgents();
  for (const decisionId of deniedDecisionIds) announceDecision(decisionId);
  return view;
}
