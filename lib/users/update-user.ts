import { db, type Tx } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { AppError, notFound } from "../errors/app-error";
import { isUuid } from "../db/ids";
import { recordAudit } from "../audit/record-audit";
import { hashPassword } from "../auth/password";
import { clearAccountFailures } from "../auth/login-throttle";
import { revokeUserSessions } from "../auth/auth-sessions";
import { updateUserSchema } from "./schemas";
import { toUserView, userAuditSummary, userInclude } from "./user-view";
import { assertTeamsExist } from "./create-user";

// Role, teams, name, password, and (de)activation. The last active admin can be neither demoted nor deactivated.
export async function updateUser(principal: Principal, userId: string, rawInput: unknown) {
  assertCan(principal, "users:manage");
  const input = updateUserSchema.parse(rawInput);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db().$transaction(async (tx) => {
    const current = isUuid(userId) ? await tx.user.findUnique({ where: { id: userId }, include: userInclude }) : null;
    if (!current) throw notFound("User");
    const losesAdmin = current.role === "admin" && current.active && ((input.role && input.role !== "admin") || input.active === false);
    if (losesAdmin) await assertAnotherAdmin(tx, current.id);
    if (input.teamIds) await assertTeamsExist(tx, input.teamIds);
    const user = await tx.user.update({
      where: { id: current.id },
      data: {
        name: input.name,
        role: input.role,
        active: input.active,
        ...(passwordHash ? { passwordHash } : {}),
        ...(input.teamIds
          ? { memberships: { deleteMany: {}, create: [...new Set(input.teamIds)].map((teamId) => ({ teamId })) } }
          : {}),
      },
      include: userInclude,
    });
    // A new password or a deactivation ends every session the user has; a new password also lifts a lock.
    if (passwordHash || input.active === false) await revokeUserSessions(tx, user.id);
    if (passwordHash) await clearAccountFailures(user.email, tx);
    const after = toUserView(user);
    await recordAudit(tx, principal, {
      action: input.active === false ? "user.deactivate" : input.active === true && !current.active ? "user.reactivate" : "user.update",
      targetType: "user",
      targetId: user.id,
      before: userAuditSummary(toUserView(current)),
      after: { ...userAuditSummary(after), ...(passwordHash ? { passwordChanged: true } : {}) },
    });
    return after;
  });
}

async function assertAnotherAdmin(tx: Tx, userId: string) {
  const others = await tx.user.count({ where: { role: "admin", active: true, id: { not: userId } } });
  if (others === 0) throw new AppError("conflict", "This is the last active admin: make someone else an admin first");
}
