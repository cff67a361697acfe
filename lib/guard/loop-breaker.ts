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

// Counted in batches (lib/guard/guard-writes.ts): one statement upserts every session and call row of
// the batch, each row once (ON CONFLICT cannot touch a row twice), and gives each call what it would
// have seen one at a time: the n calls of one session in one batch see actions and same-call counts
// rising by one per call in their order. (The sliding window keeps at most sameCallMax earlier times,
// so counts above the limit may read higher than serial calls would have seen; the verdict is the same.)
// The same statement judges each count against its limits (LOOP_CTE) and stores the call's decision,
// so an action check is one statement and one commit.
export type CountInput = { agent_id: string; session_id: string; call_hash: string; window_seconds: number; keep: number; action_max: number; tool: string };

// The WITH list of the counting statement, reading its inputs (CountInput plus an ordinal i) from $1.
export const COUNT_CTES = `
input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(i int, agent_id uuid, session_id text, call_hash text, window_seconds int, keep int, action_max int, tool text)
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

// The counts each input would have seen one at a time (its own call included), then the loop breaker's
// verdict on them: loop_message null when the session may go on, else the loop_detected message;
// stops_now when this call is the one that trips the breaker (not one of an already stopped session).
export const LOOP_CTES = `
counted AS (
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
),
loop AS (
  SELECT counted.i, counted.stopped_at IS NULL AS stops_now,
    CASE
      WHEN counted.stopped_at IS NOT NULL
        THEN 'This session was stopped by the loop breaker: ' || COALESCE(counted.stop_reason, 'loop detected')
      WHEN counted.same_calls > input.keep
        THEN format('%s was called with the same parameters %s times within %s s (limit %s); the session is stopped', input.tool, counted.same_calls, input.window_seconds, input.keep)
      WHEN counted.actions > input.action_max
        THEN format('The session has asked for %s actions (limit %s); the session is stopped', counted.actions, input.action_max)
    END AS loop_message
  FROM counted JOIN input ON input.i = counted.i
)`;

export type LoopRow = { i: number; loop_message: string | null; stops_now: boolean };

export const countInput = (agentId: string, sessionId: string, action: Action, limits: LoopBreaker): CountInput => ({
  agent_id: agentId,
  session_id: sessionId,
  call_hash: callHash(action),
  window_seconds: limits.windowSeconds,
  keep: limits.sameCallMax,
  action_max: limits.sessionActionMax,
  tool: action.tool,
});

export async function stopSession(agentId: string, sessionId: string, reason: string): Promise<void> {
  await db().guardSession.updateMany({ where: { agentId, sessionId, stoppedAt: null }, data: { stoppedAt: new Date(), stopReason: reason } });
}
