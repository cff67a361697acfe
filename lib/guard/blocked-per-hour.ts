import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { teamAccess } from "../auth/team-access";

const HOUR_MS = 60 * 60 * 1000;
export const BLOCKED_HOURS = 24;

export type BlockedHour = {
  /** Start of the clock hour (UTC ISO); the last one is the current, unfinished hour. */
  hour: string;
  denied: number;
  held: number;
};

export type BlockedPerHour = {
  /** The last 60 minutes (rolling), so the tile does not drop to zero at the top of each hour. */
  lastHour: { denied: number; held: number };
  /** BLOCKED_HOURS clock hours, oldest first, empty hours included. */
  hours: BlockedHour[];
  generatedAt: string;
};

type HourRow = { hourIndex: number; verdict: "deny" | "hold"; count: number; recent: number };

// Actions the guard blocked (deny) or held for a reviewer, per hour over the last day, for the agents of
// the principal's teams. The agent list narrows the read to the (agent_id, created_at) index: one range
// scan per agent over the window, never a table scan.
export async function getBlockedPerHour(principal: Principal, now: Date = new Date()): Promise<BlockedPerHour> {
  assertCan(principal, "approvals:read");
  const currentHour = Math.floor(now.getTime() / HOUR_MS);
  const firstHour = currentHour - (BLOCKED_HOURS - 1);
  const since = new Date(firstHour * HOUR_MS);
  const hourAgo = new Date(now.getTime() - HOUR_MS);
  const agents = await db().agent.findMany({ where: teamAccess(principal).where(), select: { id: true } });
  const rows =
    agents.length === 0
      ? []
      : await db().$queryRaw<HourRow[]>`
          SELECT floor(extract(epoch FROM d.created_at) / 3600)::int AS "hourIndex",
                 d.verdict::text AS verdict,
                 count(*)::int AS count,
                 count(*) FILTER (WHERE d.created_at > ${hourAgo.toISOString()}::timestamptz)::int AS recent
          FROM guard_decisions d
          WHERE d.agent_id IN (${Prisma.join(agents.map((agent) => Prisma.sql`${agent.id}::uuid`))})
            AND d.created_at >= ${since.toISOString()}::timestamptz
            AND d.created_at <= ${now.toISOString()}::timestamptz
            AND d.verdict IN ('deny', 'hold')
          GROUP BY 1, 2`;
  return { ...bucketBlocked(rows, firstHour), generatedAt: now.toISOString() };
}

export function bucketBlocked(rows: HourRow[], firstHour: number): Omit<BlockedPerHour, "generatedAt"> {
  const hours: BlockedHour[] = Array.from({ length: BLOCKED_HOURS }, (_, index) => ({
    hour: new Date((firstHour + index) * HOUR_MS).toISOString(),
    denied: 0,
    held: 0,
  }));
  const lastHour = { denied: 0, held: 0 };
  for (const row of rows) {
    const bucket = hours[row.hourIndex - firstHour];
    if (!bucket) continue;
    const key = row.verdict === "deny" ? "denied" : "held";
    bucket[key] += row.count;
    lastHour[key] += row.recent;
  }
  return { lastHour, hours };
}
