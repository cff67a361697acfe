import { db } from "../db/client";
import { transaction } from "../db/transaction";
import { emit } from "../events/emit";
import { teamChanged } from "./events";
import { assertCan, type Principal } from "../auth/principal";
import { AppError, notFound } from "../errors/app-error";
import { isUuid } from "../db/ids";
import { isUniqueViolation } from "../db/unique-violation";
import { recordAudit } from "../audit/record-audit";
import { teamSchema } from "./schemas";

const nameTaken = (name: string) =>
  new AppError("conflict", `A team named "${name}" already exists`, { details: { fieldErrors: { name: ["Already taken"] } } });

export async function createTeam(principal: Principal, rawInput: unknown) {
  assertCan(principal, "teams:manage");
  const input = teamSchema.parse(rawInput);
  try {
    return await db().$transaction(async (tx) => {
      const team = await tx.team.create({ data: input });
      await recordAudit(tx, principal, { action: "team.create", targetType: "team", targetId: team.id, teamId: team.id, after: input });
      return team;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

export async function updateTeam(principal: Principal, teamId: string, rawInput: unknown) {
  assertCan(principal, "teams:manage");
  const input = teamSchema.parse(rawInput);
  try {
    return await transaction(async (tx) => {
      const current = isUuid(teamId) ? await tx.team.findUnique({ where: { id: teamId } }) : null;
      if (!current) throw notFound("Team");
      const team = await tx.team.update({ where: { id: teamId }, data: input });
      await recordAudit(tx, principal, {
        action: "team.update",
        targetType: "team",
        targetId: team.id,
        teamId: team.id,
        before: { name: current.name, description: current.description },
        after: input,
      });
      // The guard names department budgets by their team: cached agents are forgotten.
      await emit(tx, teamChanged, { teamId: team.id });
      return team;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

// Only an empty team (no agents) can be deleted; its memberships go with it.
export async function deleteTeam(principal: Principal, teamId: string) {
  assertCan(principal, "teams:manage");
  return db().$transaction(async (tx) => {
    const team = isUuid(teamId) ? await tx.team.findUnique({ where: { id: teamId }, include: { _count: { select: { agents: true } } } }) : null;
    if (!team) throw notFound("Team");
    if (team._count.agents > 0) throw new AppError("conflict", `Team "${team.name}" still has ${team._count.agents} agent(s): move them to another team first`);
    await tx.team.delete({ where: { id: team.id } });
    await recordAudit(tx, principal, { action: "team.delete", targetType: "team", targetId: team.id, before: { name: team.name } });
    return { id: team.id };
  });
}
