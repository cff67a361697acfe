import { db, type Tx } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { assertMayPlaceIn } from "../auth/team-access";
import { AppError } from "../errors/app-error";
import { isUniqueViolation } from "../db/unique-violation";
import { recordAudit } from "../audit/record-audit";
import { resolveTeam } from "../teams/resolve-team";
import { createAgentSchema } from "./schemas";
import { agentInclude, auditSummary, toAgentView } from "./agent-view";

export async function createAgent(principal: Principal, rawInput: unknown) {
  assertCan(principal, "agents:create");
  const input = createAgentSchema.parse(rawInput);
  try {
    return await db().$transaction(async (tx) => {
      const team = await resolveTeam(tx, input.team);
      assertMayPlaceIn(principal, team.id);
      const ownerId = await resolveOwner(tx, principal, input.ownerEmail);
      const agent = await tx.agent.create({
        data: { slug: input.slug, name: input.name, description: input.description, teamId: team.id, ownerId },
        include: agentInclude,
      });
      const view = toAgentView(agent);
      await recordAudit(tx, principal, {
        action: "agent.create",
        targetType: "agent",
        targetId: agent.id,
        teamId: team.id,
        after: auditSummary(view),
      });
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `An agent with the slug "${input.slug}" already exists`, {
        details: { fieldErrors: { slug: ["Already taken"] } },
      });
    }
    throw error;
  }
}

// The owner named by email, or the creating user when none is named.
export async function resolveOwner(tx: Tx, principal: Principal, ownerEmail: string | null | undefined) {
  if (ownerEmail) {
    const owner = await tx.user.findUnique({ where: { email: ownerEmail.toLowerCase() } });
    if (!owner || !owner.active) {
      throw new AppError("validation_failed", `No active user with the email ${ownerEmail}`, {
        details: { fieldErrors: { ownerEmail: ["No active user with this email"] } },
      });
    }
    return owner.id;
  }
  return principal.kind === "user" ? principal.userId : null;
}
