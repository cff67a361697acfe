import { db } from "../../db/client";
import { sampleKeySql } from "./sample";

// The next sampled live traces of an agent after an evaluator's mark, in the order they completed.
// Live traffic: traces not sent by an evaluation run (eval_run_id IS NULL) whose root span has arrived
// (completed_at set). Every live trace counts, whatever its version: a canary's traffic is production
// traffic too, and each score keeps its trace's version so versions can be compared. Reading stops at
// `until` (now minus the settle time, lib/drift/monitor/read-stream.ts) so that a trace still being
// committed with an earlier completed_at is never passed over.

export type LiveTrace = { traceId: string; completedAt: Date; startTime: Date; version: string | null };
export type Mark = { at: Date; traceId: string };

export async function readLiveTraces(agentId: string, after: Mark, until: Date, sampleRate: number, limit: number): Promise<LiveTrace[]> {
  const rows = await db().$queryRaw<Array<{ trace_id: string; completed_at: Date; start_time: Date; version: string | null }>>`
    SELECT t.trace_id, t.completed_at, t.start_time, t.version
      FROM traces t
     WHERE t.agent_id = ${agentId}::uuid
       AND t.eval_run_id IS NULL
       AND t.completed_at IS NOT NULL
       AND (t.completed_at > ${after.at} OR (t.completed_at = ${after.at} AND t.trace_id > ${after.traceId}))
       AND t.completed_at <= ${until}
       AND ${sampleKeySql} < ${sampleRate}::float8
     ORDER BY t.completed_at, t.trace_id
     LIMIT ${limit}`;
  return rows.map((row) => ({ traceId: row.trace_id, completedAt: row.completed_at, startTime: row.start_time, version: row.version }));
}

// Where the mark moves after a read: past the last trace read, or to `until` when the read was not full
// (everything up to it is read); at `until` itself, past the last trace read at that very instant.
export function nextMark(after: Mark, read: readonly LiveTrace[], full: boolean, until: Date): Mark {
  const last = read.at(-1);
  if (full && last) return { at: last.completedAt, traceId: last.traceId };
  if (last && last.completedAt.getTime() === until.getTime()) return { at: until, traceId: last.traceId };
  return until > after.at ? { at: until, traceId: "" } : after;
}
