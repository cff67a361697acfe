import { createHash } from "node:crypto";
import { db } from "../db/client";
import { sql } from "../db/sql";
import type { LoopBreaker } from "../policies/resolve-policy";
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

// Counted in batches (lib/guard/guard-writes.ts): one statement upserts every session and call row of
// the batch, each row once (ON CONFLICT cannot touch a row twice), and gives each call what it would
// have seen one at a time: the n calls of one session in one batch see actions and same-call counts
// rising by one per call in their order. (The sliding window keeps at most sameCallMax earlier times,
// so counts above the limit may read higher than serial calls would have seen; the verdict is the same.)
export type CountInput = { agent_id: string; session_id: string; call_hash: string; window_seconds: number; keep: number };
export type CountRow = { i: number; actions: number; stopped_at: Date | null; stop_reason: string | null; same_calls: number };

// The WITH list of the counting statement, reading its inputs (CountInput plus an ordinal i) from $1.
export const COUNT_CTES = `
input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(i int, agent_id uuid, session_id text, call_hash text, window_seconds int, keep int)
),
session_counts AS (
  SELECT agent_id, session_id, count(*)::int AS n FROM input GROUP BY agent_id, session_id
),
s AS (
  INSERT INTO guard_sessions AS g (agent_id, session_id, actions, first_at, last_at)
  SELECT agent_id, session_id, n, now(), now() FROM session_counts ORDER BY agent_id, session_id
  ON CONFLICT (agent_id, session_id) DO UPDATE SET
    actions = g.actions + CASE WHEN g.stopped_at IS NULL THEN EXCLUDED.actions ELSE 0 END, last_at = now()
  RETURNING g.agent_id, g.session_id, g.actions, g.stopped_at, g.stop_reason
),
call_counts AS (
  SELECT agent_id, session_id, call_hash, count(*)::int AS n, max(window_seconds) AS window_seconds, max(keep) AS keep
  FROM input GROUP BY agent_id, session_id, call_hash
),
c AS (
  INSERT INTO guard_calls AS k (agent_id, session_id, call_hash, times, last_at)
  SELECT agent_id, session_id, call_hash, array_fill(now(), ARRAY[n]), now() FROM call_counts ORDER BY agent_id, session_id, call_hash
  ON CONFLICT (agent_id, session_id, call_hash) DO UPDATE SET
    times = ARRAY(
      SELECT recent.t FROM (
        SELECT t, row_number() OVER (ORDER BY t DESC) AS newest
        FROM unnest(k.times) AS t, call_counts cc
        WHERE cc.agent_id = k.agent_id AND cc.session_id = k.session_id AND cc.call_hash = k.call_hash
          AND t > now() - make_interval(secs => cc.window_seconds)
      ) AS recent, call_counts cc
      WHERE cc.agent_id = k.agent_id AND cc.session_id = k.session_id AND cc.call_hash = k.call_hash AND recent.newest <= cc.keep
      ORDER BY recent.t
    ) || EXCLUDED.times,
    last_at = now()
  RETURNING k.agent_id, k.session_id, k.call_hash, cardinality(k.times) AS same_calls
)`;

// Its result: one CountRow per input, in input order.
export const COUNT_SELECT = `
SELECT input.i,
  s.actions - CASE WHEN s.stopped_at IS NULL
    THEN count(*) OVER (PARTITION BY input.agent_id, input.session_id) - row_number() OVER (PARTITION BY input.agent_id, input.session_id ORDER BY input.i)
    ELSE 0 END AS actions,
  s.stopped_at, s.stop_reason,
  c.same_calls - (count(*) OVER (PARTITION BY input.agent_id, input.session_id, input.call_hash)
    - row_number() OVER (PARTITION BY input.agent_id, input.session_id, input.call_hash ORDER BY input.i)) AS same_calls
FROM input
JOIN s ON s.agent_id = input.agent_id AND s.session_id = input.session_id
JOIN c ON c.agent_id = input.agent_id AND c.session_id = input.session_id AND c.call_hash = input.call_hash
ORDER BY input.i`;

export const countInput = (agentId: string, sessionId: string, action: Action, limits: LoopBreaker): CountInput => ({
  agent_id: agentId,
  session_id: sessionId,
  call_hash: callHash(action),
  window_seconds: limits.windowSeconds,
  keep: limits.sameCallMax,
});

export const toSessionState = (row: CountRow): SessionState => ({
  actions: Number(row.actions),
  sameCalls: Number(row.same_calls),
  stoppedAt: row.stopped_at,
  stopReason: row.stop_reason,
});

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

// Takes back one counted action of a call that then failed (its decision could not be stored): a call
// that fails writes nothing, so an agent's retries of it do not add up to loop_detected. The newest
// time goes from the call's window (the times are equal but for order); the session's count drops
// only if this call raised it (a stopped session's count does not move).
const UNCOUNT_SQL = `
WITH s AS (
  UPDATE guard_sessions SET actions = actions - 1
  WHERE agent_id = $1::uuid AND session_id = $2 AND $4::boolean AND actions > 0
  RETURNING 1
),
c AS (
  UPDATE guard_calls SET times = times[1:cardinality(times) - 1]
  WHERE agent_id = $1::uuid AND session_id = $2 AND call_hash = $3 AND cardinality(times) > 0
  RETURNING 1
)
SELECT (SELECT count(*) FROM s)::int AS sessions, (SELECT count(*) FROM c)::int AS calls`;

export async function uncountAction(agentId: string, sessionId: string, action: Action, counted: SessionState): Promise<void> {
  await sql(UNCOUNT_SQL, agentId, sessionId, callHash(action), counted.stoppedAt === null);
}
