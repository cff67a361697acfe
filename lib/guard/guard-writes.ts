import { sql } from "../db/sql";
import { batched } from "../db/batcher";
import type { LoopBreaker } from "../policies/resolve-policy";
import { COUNT_CTES, LOOP_CTES, countInput, type CountInput, type LoopRow } from "./loop-breaker";
import { signal } from "../events/emit";
import { guardDecisionsStored } from "./events";
import { DECISION_COLUMNS, decisionRows, insertDecisionsSql, type DecisionRecord } from "./decision-rows";
import type { GuardReason } from "./schemas";

// The guard's writes, group-committed (lib/db/batcher.ts) as one statement per batch: every call's
// decision row and, for action checks, the loop breaker's counts. An action check is one statement:
// it counts the action, judges the counts against the session's limits and stores the decision that
// follows (its own verdict, or loop_detected), so it waits for one round trip and one commit, and a
// statement that fails has counted nothing and stored nothing. Under load each statement carries many
// calls, and every call answers only after its own rows are committed.

// The decisions of the batch ($2), those of action checks joined to their counts ($1, by i): a loop
// verdict replaces the call's own (a deny, not held, its reasons after the loop's).
const GUARD_WRITES_SQL = `WITH ${COUNT_CTES},
${LOOP_CTES},
judged AS (
  SELECT r.*, loop.loop_message
  FROM jsonb_to_recordset($2::jsonb) AS r(${DECISION_COLUMNS}, count_i int, loop_reasons jsonb)
  LEFT JOIN loop ON loop.i = r.count_i
),
decisions AS (${insertDecisionsSql(`(
  SELECT id, agent_id, team_id, session_id, trace_id, span_id, "check", workflow, decision_type,
    CASE WHEN loop_message IS NULL THEN verdict ELSE 'deny' END AS verdict,
    CASE WHEN loop_message IS NULL THEN status ELSE 'decided' END AS status,
    CASE WHEN loop_message IS NULL THEN reasons
      ELSE jsonb_build_array(jsonb_build_object('code', 'loop_detected', 'message', loop_message)) || COALESCE(loop_reasons, '[]'::jsonb) END AS reasons,
    request, policy_version, latency_ms,
    CASE WHEN loop_message IS NULL THEN expires_at END AS expires_at,
    created_at, version
  FROM judged
) AS r`)})
SELECT i, loop_message, stops_now FROM loop ORDER BY i`;

// An action check's decision: its outcome as if no loop (recorded), with what the loop breaker needs.
type ActionWrite = { count: CountInput; decision: DecisionRecord; loopReasons: GuardReason[] };
type GuardWrite = { decision: DecisionRecord; action?: undefined } | { action: ActionWrite };

// null for a decision stored as given; the loop breaker's verdict for an action's.
export type LoopVerdict = { reason: GuardReason; stopsNow: boolean } | null;

const write = batched(async (writes: GuardWrite[]): Promise<(LoopVerdict | undefined)[]> => {
  const counts: (CountInput & { i: number })[] = [];
  const decisions: (ReturnType<typeof decisionRows>[number] & { count_i?: number; loop_reasons?: GuardReason[] })[] = [];
  const agentIds = new Set<string>();
  writes.forEach((next, index) => {
    if (next.action) {
      counts.push({ ...next.action.count, i: index });
      decisions.push({ ...decisionRows([next.action.decision])[0], count_i: index, loop_reasons: next.action.loopReasons });
      agentIds.add(next.action.decision.agentId);
    } else {
      decisions.push(decisionRows([next.decision])[0]);
      agentIds.add(next.decision.agentId);
    }
  });
  const rows = await sql<LoopRow>(GUARD_WRITES_SQL, JSON.stringify(counts), JSON.stringify(decisions));
  if (rows.length !== counts.length) throw new Error(`loop breaker counted ${rows.length} of ${counts.length} calls`);
  signal(guardDecisionsStored, { agentIds: [...agentIds] });
  const results: (LoopVerdict | undefined)[] = writes.map(() => undefined);
  for (const row of rows) {
    results[Number(row.i)] = row.loop_message === null ? null : { reason: { code: "loop_detected", message: row.loop_message }, stopsNow: row.stops_now };
  }
  return results;
});

// Counts the action, judges the session against the limits and stores the decision in one statement:
// `decision` is the outcome without a loop; on a loop the stored verdict is deny with the loop's reason
// followed by `loopReasons` (what applyLimits gives). Resolves to the loop verdict (null: none).
export async function storeActionDecision(
  decision: DecisionRecord,
  action: Parameters<typeof countInput>[2],
  limits: LoopBreaker,
  loopReasons: GuardReason[],
): Promise<LoopVerdict> {
  const count = countInput(decision.agentId, decision.sessionId, action, limits);
  return (await write({ action: { count, decision, loopReasons } })) ?? null;
}

export async function storeDecision(record: DecisionRecord): Promise<void> {
  await write({ decision: record });
}
