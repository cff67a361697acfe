import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { findAgentForPrincipal } from "../agents/get-agent";
import { AppError } from "../errors/app-error";
import { findVersion } from "./deployment-state";
import { collectLiveSides } from "./compare-live";
import { compareEvals } from "./compare-evals";
import { liveMetrics } from "./live-metrics";
import type { CompareRunsQuery } from "./schemas";

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_DAYS = 7;
const MAX_DAYS = 90;

// GET /api/v1/agents/{slug}/compare: whether b does better than a, on live traffic over the period and
// on each version's latest completed run of the gating suite (or the named one).
export async function compareVersionRuns(principal: Principal, slug: string, query: CompareRunsQuery, now = new Date()) {
  assertCan(principal, "versions:read");
  assertCan(principal, "evals:read");
  const agent = await findAgentForPrincipal(db(), principal, slug);
  await Promise.all([findVersion(db(), agent.id, query.a), findVersion(db(), agent.id, query.b)]);
  const period = comparePeriod(query.from, query.to, now);
  const labels = { a: query.a, b: query.b };
  const [sides, evals] = await Promise.all([collectLiveSides(agent.id, labels, period), compareEvals(agent.id, labels, query.suite)]);
  return { a: { label: query.a }, b: { label: query.b }, period, metrics: liveMetrics(sides.a, sides.b), evals };
}

export function comparePeriod(from: string | undefined, to: string | undefined, now: Date) {
  const end = to ? new Date(to) : now;
  const start = from ? new Date(from) : new Date(end.getTime() - DEFAULT_DAYS * DAY_MS);
  if (start.getTime() >= end.getTime()) throw periodError("from must be before to");
  if (end.getTime() - start.getTime() > MAX_DAYS * DAY_MS) throw periodError(`A comparison covers at most ${MAX_DAYS} days: narrow from–to`);
  return { from: start, to: end };
}

const periodError = (message: string) => new AppError("validation_failed", message, { details: { fieldErrors: { from: [message] } } });
