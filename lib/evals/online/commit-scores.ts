import { db } from "../../db/client";
import { transaction } from "../../db/transaction";
import { onlineMetric } from "../../drift/metrics";
import { raiseDriftAlert } from "../../drift/monitor/advance-drift";
import { advanceOnlineDrift, onlineDriftOf } from "../../drift/monitor/online-monitor";
import type { Mark } from "./read-live-traces";
import type { ScoredTrace } from "./score-online";

// The end of a scoring step, in one transaction under the evaluator's row: the scores (once per trace),
// the drift of its failure rate over the scores new to the table, an alert when it drifts, the new mark,
// and the lease given back. Nothing is written when the lease is no longer this step's, or when the
// evaluator's settings changed while it scored (its scores would be of the old settings).

export type Commit = {
  evaluatorId: string;
  agentId: string;
  token: string;
  /** The settings scored with, as read at the claim. */
  evaluator: unknown;
  scores: ScoredTrace[];
  mark: Mark;
  lastError: string | null;
  judgeFailures: number;
};

type Locked = { name: string; evaluator: unknown; drift: unknown };

export async function commitScores(commit: Commit): Promise<{ inserted: number; alerts: string[] } | null> {
  const result = await transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<Locked[]>`
        SELECT name, evaluator, drift FROM online_evaluators WHERE id = ${commit.evaluatorId}::uuid AND lease_token = ${commit.token}::uuid FOR UPDATE`;
      if (!row) return null;
      if (JSON.stringify(row.evaluator) !== JSON.stringify(commit.evaluator)) return { inserted: 0, alerts: [], stale: true };
      const inserted = commit.scores.length
        ? await tx.onlineScore.createManyAndReturn({
            data: commit.scores.map(({ trace, score }) => ({
              evaluatorId: commit.evaluatorId,
              traceId: trace.traceId,
              agentId: commit.agentId,
              version: trace.version,
              passed: score.passed,
              score: score.score,
              reason: score.reason,
              traceAt: trace.startTime,
            })),
            skipDuplicates: true,
            select: { traceId: true },
          })
        : [];
      const isNew = new Set(inserted.map((score) => score.traceId));
      const drift = onlineDriftOf(row.drift);
      const metric = onlineMetric(row.name);
      const observations = commit.scores
        .filter(({ trace }) => isNew.has(trace.traceId))
        .map(({ trace, score }) => ({ at: trace.startTime.getTime(), passed: score.passed, version: trace.version }));
      const detection = advanceOnlineDrift(drift, metric, observations);
      const alerts: string[] = [];
      if (detection) {
        const alertId = await raiseDriftAlert(tx, commit.agentId, detection);
        if (drift.monitor?.detection) drift.monitor.detection.alertId = alertId;
        if (alertId) alerts.push(alertId);
      }
      await tx.onlineEvaluator.update({
        where: { id: commit.evaluatorId },
        data: {
          scoredUntil: commit.mark.at,
          scoredTraceId: commit.mark.traceId,
          drift: drift as object,
          lastError: commit.lastError,
          judgeFailures: commit.judgeFailures,
          leaseUntil: null,
          leaseToken: null,
        },
      });
      return { inserted: isNew.size, alerts, stale: false };
    },
    { timeout: 60_000 },
  );
  if (result?.stale) await releaseLease(commit.evaluatorId, commit.token, null);
  return result && !result.stale ? { inserted: result.inserted, alerts: result.alerts } : null;
}

/** Gives the lease back without scoring (the evaluator waits for `reason`, or the step failed). */
export async function releaseLease(evaluatorId: string, token: string, reason: string | null): Promise<void> {
  await db().onlineEvaluator.updateMany({
    where: { id: evaluatorId, leaseToken: token },
    data: { leaseUntil: null, leaseToken: null, ...(reason !== null ? { lastError: reason } : {}) },
  });
}
