import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { recordAudit } from "../audit/record-audit";
import { hashPassword } from "../auth/password";
import { firstAdminSchema } from "./schemas";

export const needsFirstAdmin = async () => (await db().user.count()) === 0;

// The first-run page: only while the installation has no users at all.
export async function createFirstAdmin(rawInput: unknown) {
  const input = firstAdminSchema.parse(rawInput);
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(727275)");
    if ((await tx.user.count()) > 0) throw new AppError("conflict", "Control Room already has users: sign in instead");
    const user = await tx.user.create({ data: { email: input.email, name: input.name, role: "admin", passwordHash } });
    await recordAudit(tx, { kind: "system", label: "first-run setup" }, {
      action: "user.create",
      targetType: "user",
      targetId: user.id,
      after: { email: user.email, name: user.name, role: "admin", via: "setup" },
    });
    return { id: user.id, email: user.email };
  });
}
