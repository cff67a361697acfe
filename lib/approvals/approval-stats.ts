import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { teamAccess } from "../auth/team-access";
import { median } from "../guard/median";

export type ApprovalStats = {
  /** Held actions of the principal's teams still waiting for a reviewer (not expired). */
  pending: number;
  /** Median time from hold to decision over holds decided in the last 24 h; null when none were. */
  medianDecideMs24h: number | null;
  decided24h: number;
  generatedAt: string;
};

const DAY_MS = 24 * 60 * 60 * 1000;
// Enough for the median of a busy day; beyond it the figure is computed over the most recent decisions.
const MAX_DECIDED_SAMPLE = 10_000;

export async function countPendingApprovals(principal: Principal): Promise<number> {
  assertCan(principal, "approvals:read");
  return db().guardDecision.count({
    where: { status: "pending", ...teamAccess(principal).where(), OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
  });
}

// The pending count and the approval SLA (median time to decide) for the overview.
export async function getApprovalStats(principal: Principal): Promise<ApprovalStats> {
  assertCan(principal, "approvals:read");
  const now = new Date();
  const [pending, decided] = await Promise.all([
    countPendingApprovals(principal),
    db().guardDecision.findMany({
      where: { status: "decided", verdict: "hold", ...teamAccess(principal).where(), decidedAt: { gte: new Date(now.getTime() - DAY_MS) } },
      orderBy: { decidedAt: "desc" },
      take: MAX_DECIDED_SAMPLE,
      select: { createdAt: true, decidedAt: true },
    }),
  ]);
  const waits = decided.flatMap((row) => (row.decidedAt ? [row.decidedAt.getTime() - row.createdAt.getTime()] : []));
  return { pending, medianDecideMs24h: median(waits), decided24h: waits.length, generatedAt: now.toISOString() };
}
