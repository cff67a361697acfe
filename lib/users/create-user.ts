import { db, type Tx } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { AppError } from "../errors/app-error";
import { isUniqueViolation } from "../db/unique-violation";
import { recordAudit } from "../audit/record-audit";
import { hashPassword } from "../auth/password";
import { createUserSchema } from "./schemas";
import { toUserView, userAuditSummary, userInclude } from "./user-view";

export async function createUser(principal: Principal, rawInput: unknown) {
  assertCan(principal, "users:manage");
  const input = createUserSchema.parse(rawInput);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction(async (tx) => {
      await assertTeamsExist(tx, input.teamIds);
      const user = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          role: input.role,
          passwordHash,
          memberships: { create: input.teamIds.map((teamId) => ({ teamId })) },
        },
        include: userInclude,
      });
      const view = toUserView(user);
      await recordAudit(tx, principal, { action: "user.create", targetType: "user", targetId: user.id, after: userAuditSummary(view) });
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `A user with the email ${input.email} already exists`, {
        details: { fieldErrors: { email: ["Already registered"] } },
      });
    }
    throw error;
  }
}

export async function assertTeamsExist(tx: Tx, teamIds: string[]) {
  if (!teamIds.length) return;
  const found = await tx.team.count({ where: { id: { in: teamIds } } });
  if (found !== new Set(teamIds).size) {
    throw new AppError("validation_failed", "One or more teams do not exist", { details: { fieldErrors: { teamIds: ["Unknown team"] } } });
  }
}
