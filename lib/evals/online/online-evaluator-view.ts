import { Prisma } from "../../generated/prisma/client";
import type { Tx } from "../../db/client";
import type { Principal } from "../../auth/principal";
import { assertVisible, notVisible } from "../../auth/team-access";
import { isUuid } from "../../db/ids";
import { onlineMetric } from "../../drift/metrics";
import type { Evaluator } from "../evaluators/schemas";
import type { OnlineEvaluatorView } from "./schemas";

// Looking an online evaluator up for a principal, and the shape the API and the panel show.

export const RECENT_SCORES = 100;

type EvaluatorRow = {
  id: string;
  name: string;
  evaluator: unknown;
  sampleRate: number;
  enabled: boolean;
  createdBy: string;
  createdAt: Date;
  lastError: string | null;
  agent: { slug: string };
};

type Stats = { total: number; recentN: number; recentPassed: number; lastScoredAt: Date | null };

export const onlineEvaluatorInclude = { agent: { select: { slug: true } } } as const;

// Per evaluator: all scores, and the latest RECENT_SCORES (by trace time) for the pass rate.
export async function scoreStats(tx: Tx, evaluatorIds: readonly string[]): Promise<Map<string, Stats>> {
  if (evaluatorIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<Array<{ id: string; total: number; recent_n: number; recent_passed: number; last_scored_at: Date | null }>>`
    SELECT e.id::text AS id,
           (SELECT count(*)::int FROM online_scores s WHERE s.evaluator_id = e.id) AS total,
           (SELECT max(s.created_at) FROM online_scores s WHERE s.evaluator_id = e.id) AS last_scored_at,
           recent.n AS recent_n, recent.passed AS recent_passed
      FROM online_evaluators e
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS n, (count(*) FILTER (WHERE r.passed))::int AS passed
          FROM (SELECT s.passed FROM online_scores s WHERE s.evaluator_id = e.id ORDER BY s.trace_at DESC LIMIT ${RECENT_SCORES}) r
      ) recent
     WHERE e.id IN (${Prisma.join(evaluatorIds.map((id) => Prisma.sql`${id}::uuid`))})`;
  return new Map(
    rows.map((row) => [row.id, { total: Number(row.total), recentN: Number(row.recent_n), recentPassed: Number(row.recent_passed), lastScoredAt: row.last_scored_at }]),
  );
}

export function toOnlineEvaluatorView(row: EvaluatorRow, stats: Stats | undefined): OnlineEvaluatorView {
  const recentN = stats?.recentN ?? 0;
  return {
    id: row.id,
    agent: { slug: row.agent.slug },
    name: row.name,
    evaluator: row.evaluator as Evaluator,
    sampleRate: row.sampleRate,
    enabled: row.enabled,
    metric: onlineMetric(row.name),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    scores: { total: stats?.total ?? 0, recent: { n: recentN, passRate: recentN > 0 ? (stats?.recentPassed ?? 0) / recentN : null }, lastScoredAt: stats?.lastScoredAt ?? null },
    lastError: row.lastError,
  };
}

// An online evaluator by id if the principal may see its team and it belongs to the agent the URL names;
// otherwise not found, like a missing one.
export async function findOnlineEvaluatorForPrincipal(tx: Tx, principal: Principal, evaluatorId: string, agentSlug: string) {
  const found = isUuid(evaluatorId) ? await tx.onlineEvaluator.findUnique({ where: { id: evaluatorId }, include: onlineEvaluatorInclude }) : null;
  if (!found || found.agent.slug !== agentSlug) throw notVisible(`Online evaluator "${evaluatorId}"`);
  assertVisible(principal, found.teamId, `Online evaluator "${evaluatorId}"`);
  return found;
}
