import { transaction } from "../db/transaction";
import { emit } from "../events/emit";
import { actorOf, assertCan, type Principal } from "../auth/principal";
import { AppError } from "../errors/app-error";
import type { Permission } from "../auth/permissions";
import { recordAudit } from "../audit/record-audit";
import { agentStatusChangeSchema, type AgentStatus } from "./schemas";
import { agentInclude, toAgentView } from "./agent-view";
import { findAgentForPrincipal } from "./get-agent";
import { agentStatusChanged } from "./events";

const transitions = {
  pause: { permission: "agents:pause", to: "paused", from: ["active"] },
  resume: { permission: "agents:resume", to: "active", from: ["paused"] },
  terminate: { permission: "agents:terminate", to: "terminated", from: ["active", "paused"] },
} as const satisfies Record<string, { permission: Permission; to: AgentStatus; from: AgentStatus[] }>;

export type AgentStatusChange = keyof typeof transitions;

// A runaway agent may have many holds waiting: each denial is a row, an audit entry and a NOTIFY.
const STOP_TIMEOUT_MS = 60_000;

// Pause and resume (the kill switch) and terminate, which is final. Repeating a change is a no-op.
// The change is an event (agentStatusChanged): lib/approvals denies a stopped agent's held actions in
// this same transaction, so a stopped agent's held action can never be released; caches forget the agent.
export async function changeAgentStatus(principal: Principal, slug: string, change: AgentStatusChange, rawInput: unknown = {}) {
  const transition = transitions[change];
  assertCan(principal, transition.permission);
  const { reason } = agentStatusChangeSchema.parse(rawInput ?? {});
  return transaction(async (tx) => {
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
    await emit(tx, agentStatusChanged, {
      agentId: agent.id,
      slug: agent.slug,
      teamId: agent.teamId,
      status: agent.status as AgentStatus,
      cause: { action: `agent.${change}`, by: actorOf(principal).actorLabel, ...(reason ? { reason } : {}) },
    });
    return toAgentView(agent);
  }, { timeout: STOP_TIMEOUT_MS });
}
