import { sql } from "../db/sql";
import { batched } from "../db/batcher";
import type { LoopBreaker } from "../policies/resolve-policy";
import { COUNT_CTES, COUNT_SELECT, countInput, toSessionState, type CountInput, type CountRow, type SessionState } from "./loop-breaker";
import { signal } from "../events/emit";
import { guardDecisionsStored } from "./events";
import { decisionRows, insertDecisionsSql, type DecisionRecord } from "./decision-rows";

// The guard's writes, group-committed (lib/db/batcher.ts) as one statement per batch: the loop
// breaker's counts for the calls that are deciding, and the decision rows of the calls that have
// decided. An action check goes through it twice (count, then store its decision); under load each
// statement carries both kinds for different calls, so the database sees one statement and one commit
// per batch, and every call answers only after its own rows are committed.

const GUARD_WRITES_SQL = `WITH ${COUNT_CTES},
decisions AS (${insertDecisionsSql("$2")})
${COUNT_SELECT}`;

type GuardWrite = { count: CountInput } | { decision: DecisionRecord };

const write = batched(async (writes: GuardWrite[]): Promise<(SessionState | undefined)[]> => {
  const counts: (CountInput & { i: number })[] = [];
  const decisions: DecisionRecord[] = [];
  writes.forEach((next, index) => {
    if ("count" in next) counts.push({ ...next.count, i: index });
    else decisions.push(next.decision);
  });
  const rows = await sql<CountRow>(GUARD_WRITES_SQL, JSON.stringify(counts), JSON.stringify(decisionRows(decisions)));
  if (rows.length !== counts.length) throw new Error(`loop breaker counted ${rows.length} of ${counts.length} calls`);
  if (decisions.length) signal(guardDecisionsStored, { agentIds: [...new Set(decisions.map((decision) => decision.agentId))] });
  const results: (SessionState | undefined)[] = writes.map(() => undefined);
  for (const row of rows) results[Number(row.i)] = toSessionState(row);
  return results;
});

// The loop breaker's state for this action, itself included.
export async function countAction(agentId: string, sessionId: string, action: Parameters<typeof countInput>[2], limits: LoopBreaker): Promise<SessionState> {
  return (await write({ count: countInput(agentId, sessionId, action, limits) }))!;
}

export async function storeDecision(record: DecisionRecord): Promise<void> {
  await write({ decision: record });
}
