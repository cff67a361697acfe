import { db } from "../db/client";
import { assertCan, can, type Principal } from "../auth/principal";
import { teamAccess } from "../auth/team-access";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
export const TRAFFIC_RATE_WINDOW_MIN = 15;

export type TrafficStats = Awaited<ReturnType<typeof getTrafficStats>>;

// The overview's traffic tiles, from the traces table (never the spans): traces per minute over the
// last 15 minutes, the share of traces with an error in the last hour, and spend today (UTC) against
// yesterday up to the same time of day and all of yesterday.
export async function getTrafficStats(principal: Principal, now: Date = new Date()) {
  assertCan(principal, "traces:read");
  const scope = teamAccess(principal).where();
  // Live traffic only: evaluation runs are not the fleet's traffic or spend.
  const inWindow = (from: Date, to: Date) => ({ ...scope, evalRunId: null, startTime: { gte: from, lt: to } });
  const end = new Date(now.getTime() + 1);
  const hourAgo = new Date(now.getTime() - 60 * MINUTE);
  const todayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const yesterdayStart = new Date(todayStart.getTime() - DAY);
  const showSpend = can(principal, "costs:read");

  const spendOf = (from: Date, to: Date) =>
    showSpend ? db().trace.aggregate({ where: inWindow(from, to), _sum: { costUsd: true, unpricedSpans: true } }) : Promise.resolve(null);

  const [recent, lastHour, erroredLastHour, today, yesterdaySoFar, yesterday] = await Promise.all([
    db().trace.count({ where: inWindow(new Date(now.getTime() - TRAFFIC_RATE_WINDOW_MIN * MINUTE), end) }),
    db().trace.count({ where: inWindow(hourAgo, end) }),
    db().trace.count({ where: { ...inWindow(hourAgo, end), OR: [{ errorCount: { gt: 0 } }, { status: "error" }] } }),
    spendOf(todayStart, end),
    spendOf(yesterdayStart, new Date(end.getTime() - DAY)),
    spendOf(yesterdayStart, todayStart),
  ]);

  const usd = (row: typeof today) => Math.round(Number(row?._sum.costUsd ?? 0) * 1e6) / 1e6;
  return {
    tracesLast15m: recent,
    tracesPerMinute: Math.round((recent / TRAFFIC_RATE_WINDOW_MIN) * 10) / 10,
    tracesLastHour: lastHour,
    errorTracesLastHour: erroredLastHour,
    /** Null when there were no traces in the last hour (no rate, rather than 0 %). */
    errorRateLastHour: lastHour > 0 ? erroredLastHour / lastHour : null,
    spend: showSpend
      ? {
          todayUsd: usd(today),
          unpricedSpansToday: today?._sum.unpricedSpans ?? 0,
          yesterdaySameTimeUsd: usd(yesterdaySoFar),
          yesterdayUsd: usd(yesterday),
        }
      : null,
    generatedAt: now.toISOString(),
  };
}
