import { db } from "../db/client";
import type { AgentPrincipal } from "../auth/principal";
import { notFound } from "../errors/app-error";
import { isUuid } from "../db/ids";
import { isShuttingDown, waitForDecision } from "./decision-events";
import { decisionRowSelect, toDecisionView, type DecisionRow, type DecisionView } from "./decision-view";
import { decisionWaitQuerySchema } from "./schemas";

// A reviewer's decision wakes the waiters at once: in this process directly, on other replicas through
// NOTIFY controlroom_decisions (lib/db/change-events.ts). The poll is the safety net for a replica whose
// change listener is reconnecting: it still hears within a second.
const POLL_MS = 1000;

// GET /api/v1/guard/decisions/{id}?wait=: an agent reads one of its own decisions, optionally waiting
// (≤ 60 s) for a held one to be decided or to expire. A server shutting down stops the wait and
// answers with the current state (still hold): the agent polls again, on another replica or after the
// restart; the hold is a row and survives.
export async function getDecision(principal: AgentPrincipal, decisionId: string, rawQuery: unknown = {}): Promise<DecisionView> {
  const { wait = 0 } = decisionWaitQuerySchema.parse(rawQuery ?? {});
  if (!isUuid(decisionId)) throw notFound("Decision");
  const deadline = Date.now() + wait * 1000;
  for (;;) {
    const row = await readDecision(principal, decisionId);
    const remaining = deadline - Date.now();
    if (row.status !== "pending" || remaining <= 0 || isShuttingDown()) return toDecisionView(row);
    const untilExpiry = row.expiresAt ? row.expiresAt.getTime() - Date.now() : Infinity;
    await waitForDecision(decisionId, Math.max(0, Math.min(POLL_MS, remaining, untilExpiry + 5)));
  }
}

async function readDecision(principal: AgentPrincipal, decisionId: string): Promise<DecisionRow> {
  const row = await db().guardDecision.findFirst({ where: { id: decisionId, agentId: principal.agentId }, select: decisionRowSelect });
  if (!row) throw notFound("Decision");
  if (row.status === "pending" && row.expiresAt && row.expiresAt.getTime() <= Date.now()) return expireDecision(row);
  return row;
}

// A hold past its expiry becomes a deny. Conditional, so a reviewer's decision that won the race stands.
async function expireDecision(row: DecisionRow): Promise<DecisionRow> {
  await db().guardDecision.updateMany({
    where: { id: row.id, status: "pending", expiresAt: { lte: new Date() } },
    data: { status: "expired", finalVerdict: "deny" },
  });
  return db().guardDecision.findUniqueOrThrow({ where: { id: row.id }, select: decisionRowSelect });
}
