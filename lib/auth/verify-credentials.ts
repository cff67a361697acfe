import { db } from "../db/client";
import { credentialsSchema } from "../users/schemas";
import { timingDecoyHash, verifyPassword } from "./password";

export const FAILURES_BEFORE_LOCK = 5;
const MAX_LOCK_MINUTES = 15;

// Minutes an account stays locked after `failures` consecutive failures: 1, 2, 4, 8, then 15.
export function lockMinutes(failures: number): number {
  if (failures < FAILURES_BEFORE_LOCK) return 0;
  return Math.min(2 ** (failures - FAILURES_BEFORE_LOCK), MAX_LOCK_MINUTES);
}

export type VerifiedUser = { id: string; email: string; name: string; role: string };

// Email + password → the user, or null. Every failure looks the same to the caller (no enumeration);
// a locked account is refused without checking the password.
export async function verifyCredentials(raw: unknown): Promise<VerifiedUser | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db().user.findUnique({ where: { email }, omit: { passwordHash: false } });
  if (!user || !user.passwordHash || !user.active) {
    await verifyPassword(await timingDecoyHash(), password);
    return null;
  }
  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) return null;
  if (!(await verifyPassword(user.passwordHash, password))) {
    // Increment in SQL so parallel guesses are all counted.
    const updated = await db().user.update({
      where: { id: user.id },
      data: { failedLogins: { increment: 1 } },
      select: { failedLogins: true },
    });
    const minutes = lockMinutes(updated.failedLogins);
    if (minutes > 0) {
      await db().user.update({ where: { id: user.id }, data: { lockedUntil: new Date(now.getTime() + minutes * 60_000) } });
    }
    return null;
  }
  await db().user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
