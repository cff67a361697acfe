import { db } from "../db/client";

export const PURGE_SESSIONS_EVERY_MS = 60 * 60 * 1000;
// A session first served longer ago than this starts afresh (and its late spans go unattributed).
export const SESSION_STICKY_DAYS = 30;

// Sticky assignments are one row per session: without a purge the table grows with every session ever.
export async function purgeVersionSessions(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - SESSION_STICKY_DAYS * 24 * 60 * 60 * 1000);
  const { count } = await db().versionSession.deleteMany({ where: { firstServedAt: { lt: before } } });
  return count;
}
