import { db } from "../db/client";
import { credentialsSchema } from "../users/schemas";
import { timingDecoyHash, verifyPassword } from "./password";
import { clearAccountFailures, releaseClientAttempt, reserveAccountAttempt, reserveClientAttempt } from "./login-throttle";

export type VerifiedUser = { id: string; email: string; name: string; role: string };

// "invalid" looks the same for a wrong password and an unknown email (no enumeration); "throttled" and
// "locked" are refused without checking the password.
export type SignInResult = { ok: true; user: VerifiedUser } | { ok: false; reason: "invalid" | "throttled" | "locked" };

// Email + password from `client` (null when the server cannot know it) → the user, or why not.
// The client's throttle comes first: a throttled client never reaches an account, so one client cannot
// lock someone else's account (see lib/auth/login-limits.ts for the numbers).
export async function verifyCredentials(raw: unknown, client: string | null): Promise<SignInResult> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;

  const clientWindow = client ? await reserveClientAttempt(client) : undefined;
  if (clientWindow === null) return { ok: false, reason: "throttled" };
  const giveBackClientAttempt = async () => {
    if (client && clientWindow) await releaseClientAttempt(client, clientWindow);
  };
  if (!(await reserveAccountAttempt(email))) {
    await giveBackClientAttempt();
    return { ok: false, reason: "locked" };
  }

  const user = await db().user.findUnique({ where: { email }, omit: { passwordHash: false } });
  if (!user || !user.passwordHash || !user.active) {
    await verifyPassword(await timingDecoyHash(), password);
    return { ok: false, reason: "invalid" };
  }
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, reason: "invalid" };

  await Promise.all([
    giveBackClientAttempt(),
    clearAccountFailures(email),
    db().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } }),
  ]);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
