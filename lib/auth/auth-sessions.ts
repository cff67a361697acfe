import { db, type Tx } from "../db/client";
import { isUuid } from "../db/ids";

// Sessions are next-auth JWTs, which the server cannot take back once issued; so each sign-in is also a
// row, the token carries its id, and a token is honoured only while its row is live. Sign-out revokes
// the row (a copied cookie stops working), as do deactivating the user or resetting their password.

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
// Like the token, the row expires after 12 hours without use; its expiry moves at most once a minute.
const TOUCH_AFTER_MS = 60_000;

export async function startAuthSession(userId: string): Promise<string> {
  const session = await db().authSession.create({ data: { userId, expiresAt: expiresFromNow() } });
  purgeNow();
  return session.id;
}

// The session's row if it is live (not revoked, not expired), its expiry moved on if due.
export async function liveAuthSession(sessionId: unknown) {
  if (typeof sessionId !== "string" || !isUuid(sessionId)) return null;
  const session = await db().authSession.findUnique({ where: { id: sessionId } });
  const now = Date.now();
  if (!session || session.revokedAt || session.expiresAt.getTime() <= now) return null;
  if (now - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db().authSession.updateMany({
      where: { id: session.id, revokedAt: null },
      data: { lastSeenAt: new Date(now), expiresAt: expiresFromNow() },
    });
  }
  return session;
}

export async function revokeAuthSession(sessionId: unknown): Promise<void> {
  if (typeof sessionId !== "string" || !isUuid(sessionId)) return;
  await db().authSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

// Every session of the user, e.g. in the transaction that deactivates them or resets their password.
export async function revokeUserSessions(tx: Tx, userId: string): Promise<void> {
  await tx.authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
}

const expiresFromNow = () => new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);

// Rows expired for a day are of no use; swept at most hourly per process, after a sign-in.
let lastPurge = 0;
function purgeNow() {
  if (Date.now() - lastPurge < 3_600_000) return;
  lastPurge = Date.now();
  void db()
    .authSession.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - 86_400_000) } } })
    .catch((error: unknown) => console.error("[control-room] could not purge expired sessions", error));
}
