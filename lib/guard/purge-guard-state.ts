import { db } from "../db/client";

// The guard's hot counters only matter while they can still change a decision: a call's repeat window
// is at most a day (loopBreaker.windowSeconds), trace spend matters while a trace's spans still arrive,
// and a session is judged on its next action. Old rows are deleted so the tables stay small; stopped
// sessions are kept a week so a late action of theirs is still refused.
const DAY_MS = 24 * 3600 * 1000;
// Every 10 minutes while the server runs (lib/guard/subscriptions.ts).
export const PURGE_EVERY_MS = 10 * 60 * 1000;

export async function purgeGuardState(now = new Date()): Promise<{ calls: number; sessions: number; traceSpend: number }> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS);
  const [calls, sessions, traceSpend] = await Promise.all([
    db().guardCall.deleteMany({ where: { lastAt: { lt: dayAgo } } }),
    db().guardSession.deleteMany({ where: { lastAt: { lt: weekAgo } } }),
    db().traceSpend.deleteMany({ where: { updatedAt: { lt: new Date(now.getTime() - 2 * DAY_MS) } } }),
  ]);
  return { calls: calls.count, sessions: sessions.count, traceSpend: traceSpend.count };
}
