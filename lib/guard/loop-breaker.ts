import { createHash } from "node:crypto";
import { db } from "../db/client";
import { sql } from "../db/sql";
import type { LoopBreaker } from "./policy/resolve-policy";
import type { GuardReason } from "./schemas";

// The loop circuit breaker: per agent session, the number of actions so far and, per distinct call
// (tool + parameters + amount + resource), the times it was made within the window. Both live in
// Postgres rows changed by one atomic statement, so parallel calls of one session count exactly and
// every replica sees the same state. A session that trips the breaker is stopped: every later action
// check of it is denied with loop_detected.

type Action = { tool: string; params?: Record<string, unknown>; amount?: number; resource?: string };

// Same parameters in any key order are the same call.
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export const callHash = (action: Action) =>
  createHash("sha256")
    .update(JSON.stringify([action.tool, canonical(action.params ?? {}), action.amount ?? null, action.resource ?? null]))
    .digest("base64url");

export type SessionState = { actions: number; sameCalls: number; stoppedAt: Date | null; stopReason: string | null };

// $1 agent, $2 session, $3 call hash, $4 window seconds, $5 calls to keep (sameCallMax).
const COUNT_SQL = `
WITH s AS (
  INSERT INTO guard_sessions AS g (agent_id, session_id, actions, first_at, last_at)
  VALUES ($1::uuid, $2, 1, now(), now())
  ON CONFLICT (agent_id, session_id) DO UPDATE SET
    actions = g.actions + CASE WHEN g.stopped_at IS NULL THEN 1 ELSE 0 END, last_at = now()
  RETURNING g.actions, g.stopped_at, g.stop_reason
),
c AS (
  INSERT INTO guard_calls AS k (agent_id, session_id, call_hash, times, last_at)
  VALUES ($1::uuid, $2, $3, ARRAY[now()]::timestamptz[], now())
  ON CONFLICT (agent_id, session_id, call_hash) DO UPDATE SET
    times = ARRAY(
      SELECT t FROM (
        SELECT t FROM unnest(k.times) AS t WHERE t > now() - make_interval(secs => $4::int) ORDER BY t DESC LIMIT $5::int
      ) AS recent ORDER BY t
    ) || now(),
    last_at = now()
  RETURNING cardinality(k.times) AS same_calls
)
SELECT s.actions, s.stopped_at, s.stop_reason, c.same_calls FROM s, c`;

export async function countAction(agentId: string, sessionId: string, action: Action, limits: LoopBreaker): Promise<SessionState> {
  const rows = await sql<{ actions: number; stopped_at: Date | null; stop_reason: string | null; same_calls: number }>(
    COUNT_SQL,
    agentId,
    sessionId,
    callHash(action),
    limits.windowSeconds,
    limits.sameCallMax,
  );
  const [row] = rows;
  return { actions: Number(row.actions), sameCalls: Number(row.same_calls), stoppedAt: row.stopped_at, stopReason: row.stop_reason };
}

// null when the session may go on; the loop_detected reason otherwise.
export function loopVerdict(state: SessionState, limits: LoopBreaker, tool: string): { reason: GuardReason; stopsNow: boolean } | null {
  if (state.stoppedAt) {
    return { reason: { code: "loop_detected", message: `This session was stopped by the loop breaker: ${state.stopReason ?? "loop detected"}` }, stopsNow: false };
  }
  if (state.sameCalls > limits.sameCallMax) {
    const message = `${tool} was called with the same parameters ${state.sameCalls} times within ${limits.windowSeconds} s (limit ${limits.sameCallMax}); the session is stopped`;
    return { reason: { code: "loop_detected", message }, stopsNow: true };
  }
  if (state.actions > limits.sessionActionMax) {
    const message = `The session has asked for ${state.actions} actions (limit ${limits.sessionActionMax}); the session is stopped`;
    return { reason: { code: "loop_detected", message }, stopsNow: true };
  }
  return null;
}

export async function stopSession(agentId: string, sessionId: string, reason: string): Promise<void> {
  await db().guardSession.updateMany({ where: { agentId, sessionId, stoppedAt: null }, data: { stoppedAt: new Date(), stopReason: reason } });
}
