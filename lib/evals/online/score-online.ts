import { randomUUID } from "node:crypto";
import { db } from "../../db/client";
import { SETTLE_SECONDS } from "../../drift/monitor/read-stream";
import { judgeFromEnv } from "../evaluators/llm-judge";
import { JUDGE_NOT_CONFIGURED, scoreItem, type EvaluatorScore, type Judge } from "../evaluators/score";
import type { Evaluator } from "../evaluators/schemas";
import { evidenceOf } from "../runs/run-evidence";
import { readTraceEvidence, type TraceEvidence } from "../runs/gather-evidence";
import { onlineEvaluatorSettingsSchema } from "./schemas";
import { nextMark, readLiveTraces, type LiveTrace, type Mark } from "./read-live-traces";
import { commitScores, releaseLease } from "./commit-scores";

// One step of an online evaluator: claim it, score the next sampled live traces after its mark, and
// commit the scores, the new mark and its drift in one transaction (lib/evals/online/commit-scores.ts).
//
// Across replicas: the claim is a lease (an UPDATE that only one replica wins while it lasts), so judge
// calls — seconds each — happen outside any transaction and no two replicas score the same traces; the
// commit checks the lease is still this replica's, and scores are unique per (evaluator, trace), so
// even a lease that ran out cannot count a trace twice.
//
// The LLM judge: unconfigured, the evaluator waits (its mark stays, lastError says why) rather than
// failing every trace, which would read as a drift of its failure rate. A judge call that fails stops
// the step before that trace, to be retried on the next one; after MAX_JUDGE_ATTEMPTS failures on the
// same trace it is skipped (like a trace not sampled), so one trace the judge cannot read never blocks
// the evaluator. Only a verdict counts as a score.

/** Traces per step: bounded work per tick (a backlog is read over several steps). */
export const BATCH = 200;
export const JUDGE_BATCH = 10;
export const MAX_JUDGE_ATTEMPTS = 3;
// Longer than a judge step can take (JUDGE_BATCH calls of at most 30 s each).
const LEASE_SECONDS = 600;

export type ScoreOnlineOptions = { settleSeconds?: number; judge?: Judge | null };
export type OnlineStep = { read: number; scored: number; caughtUp: boolean; waiting: string | null; alerts: string[] };

type Claimed = { id: string; agent_id: string; evaluator: unknown; sample_rate: number; scored_until: Date; scored_trace_id: string; judge_failures: number };

const NO_REPORT = { output: null, outcome: null, reportedAt: null };

/** null when another replica holds the evaluator, or it is disabled or gone. */
export async function scoreOnlineEvaluator(evaluatorId: string, options: ScoreOnlineOptions = {}): Promise<OnlineStep | null> {
  const token = randomUUID();
  const [claimed] = await db().$queryRaw<Claimed[]>`
    UPDATE online_evaluators SET lease_until = now() + make_interval(secs => ${LEASE_SECONDS}::float8), lease_token = ${token}::uuid
     WHERE id = ${evaluatorId}::uuid AND enabled AND (lease_until IS NULL OR lease_until < now())
     RETURNING id::text, agent_id::text, evaluator, sample_rate, scored_until, scored_trace_id, judge_failures`;
  if (!claimed) return null;
  try {
    const parsed = onlineEvaluatorSettingsSchema.safeParse(claimed.evaluator);
    if (!parsed.success) return await wait(claimed.id, token, `Its settings are not a valid online evaluator: ${parsed.error.issues[0]?.message}`);
    const evaluator = parsed.data;
    const judge = options.judge === undefined ? judgeFromEnv() : (options.judge ?? undefined);
    if (evaluator.type === "llm_judge" && !judge) return await wait(claimed.id, token, JUDGE_NOT_CONFIGURED);

    const until = await readableUntil(options.settleSeconds);
    const after: Mark = { at: claimed.scored_until, traceId: claimed.scored_trace_id };
    const limit = evaluator.type === "llm_judge" ? JUDGE_BATCH : BATCH;
    const traces = await readLiveTraces(claimed.agent_id, after, until, claimed.sample_rate, limit);
    const evidence = await readTraceEvidence(db(), claimed.agent_id, traces.map((trace) => trace.traceId));
    const step = await scoreTraces(evaluator, traces, evidence, judge, claimed.judge_failures);
    const mark = step.stoppedAfter === undefined ? nextMark(after, traces, traces.length === limit, until) : step.stoppedAfter ? markOf(step.stoppedAfter) : after;
    const committed = await commitScores({
      evaluatorId: claimed.id,
      agentId: claimed.agent_id,
      token,
      evaluator: claimed.evaluator,
      scores: step.scores,
      mark,
      lastError: step.error,
      judgeFailures: step.judgeFailures,
    });
    if (!committed) return null;
    return { read: traces.length, scored: committed.inserted, caughtUp: step.stoppedAfter === undefined && traces.length < limit, waiting: step.error, alerts: committed.alerts };
  } catch (error) {
    await releaseLease(claimed.id, token, null).catch(() => undefined);
    throw error;
  }
}

async function wait(evaluatorId: string, token: string, reason: string): Promise<OnlineStep> {
  await releaseLease(evaluatorId, token, reason);
  return { read: 0, scored: 0, caughtUp: true, waiting: reason, alerts: [] };
}

const markOf = (trace: LiveTrace): Mark => ({ at: trace.completedAt, traceId: trace.traceId });

// Now minus the settle time (lib/drift/monitor/read-stream.ts), in whole milliseconds like completed_at
// and the stored mark: a mark rounded up past `until` could pass over a trace completed in between.
async function readableUntil(settleSeconds = SETTLE_SECONDS): Promise<Date> {
  const [row] = await db().$queryRaw<[{ until: Date }]>`SELECT date_trunc('milliseconds', now() - make_interval(secs => ${settleSeconds}::float8)) AS until`;
  return row.until;
}

export type ScoredTrace = { trace: LiveTrace; score: EvaluatorScore };
// stoppedAfter: undefined when every trace read was scored; otherwise the last trace passed (null: none).
type Scored = { scores: ScoredTrace[]; stoppedAfter?: LiveTrace | null; error: string | null; judgeFailures: number };

async function scoreTraces(evaluator: Evaluator, traces: LiveTrace[], evidence: Map<string, TraceEvidence>, judge: Judge | undefined, headFailures: number): Promise<Scored> {
  const scores: ScoredTrace[] = [];
  for (const [index, trace] of traces.entries()) {
    const found = evidence.get(trace.traceId);
    // Deleted since it was read (retention): nothing to score.
    if (!found) continue;
    const result = evidenceOf(NO_REPORT, found.trace, found.spans, found.guard)!;
    let judgeFailure: string | null = null;
    const watched: Judge | undefined =
      judge &&
      (async (request) => {
        try {
          const verdict = await judge(request);
          if (typeof verdict?.score !== "number" || !Number.isFinite(verdict.score)) judgeFailure = "it gave no numeric score";
          return verdict;
        } catch (error) {
          judgeFailure = error instanceof Error ? error.message : String(error);
          throw error;
        }
      });
    const [score] = await scoreItem([evaluator], { input: rootInput(found) }, result, { judge: watched });
    if (judgeFailure === null) {
      scores.push({ trace, score });
      continue;
    }
    const attempts = (index === 0 ? headFailures : 0) + 1;
    const previous = traces[index - 1] ?? null;
    if (attempts >= MAX_JUDGE_ATTEMPTS) {
      return { scores, stoppedAfter: trace, judgeFailures: 0, error: `Skipped trace ${trace.traceId} after ${attempts} failed judge calls: ${judgeFailure}` };
    }
    return { scores, stoppedAfter: previous, judgeFailures: attempts, error: `LLM judge failed (attempt ${attempts} of ${MAX_JUDGE_ATTEMPTS} on trace ${trace.traceId}, retried shortly): ${judgeFailure}` };
  }
  return { scores, error: null, judgeFailures: 0 };
}

// The task's input as the agent received it: the root span's input.
function rootInput(evidence: TraceEvidence): unknown {
  const root = evidence.spans.find((span) => span.spanId === evidence.trace.rootSpanId) ?? evidence.spans.find((span) => span.parentSpanId === null);
  return root?.input ?? "";
}
