import { transaction } from "../db/transaction";
import { emit } from "../events/emit";
import { assertCan, type Principal } from "../auth/principal";
import { assertMayPlaceIn } from "../auth/team-access";
import { recordAudit } from "../audit/record-audit";
import { resolveTeam } from "../teams/resolve-team";
import { updateAgentSchema } from "./schemas";
import { agentInclude, auditSummary, toAgentView } from "./agent-view";
import { findAgentForPrincipal } from "./get-agent";
import { resolveOwner } from "./create-agent";
import { agentUpdated } from "./events";

// Name, description, owner and team. Moving an agent needs membership of both teams.
export async function updateAgent(principal: Principal, slug: string, rawInput: unknown) {
  assertCan(principal, "agents:update");
  const input = updateAgentSchema.parse(rawInput);
  return transaction(async (tx) => {
    const current = await findAgentForPrincipal(tx, principal, slug);
    const before = toAgentView(current);
    let teamId: string | undefined;
    if (input.team !== undefined) {
      const team = await resolveTeam(tx, input.team);
      assertMayPlaceIn(principal, team.id);
      teamId = team.id;
    }
    const ownerId =
      input.ownerEmail === undefined ? undefined : input.ownerEmail === null ? null : await resolveOwner(tx, principal, input.ownerEmail);
    const agent = await tx.agent.update({
      where: { id: current.id },
      data: { name: input.name, description: input.description, teamId, ownerId },
      include: agentInclude,
    });
    const after = toAgentView(agent);
    await recordAudit(tx, principal, {
      action: "agent.update",
      targetType: "agent",
      targetId: agent.id,
      teamId: agent.teamId,
      before: auditSummary(before),
      after: auditSummary(after),
    });
    await emit(tx, agentUpdated, { agentId: agent.id });
    return after;
  });
}
