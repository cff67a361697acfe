import { transaction } from "../db/transaction";
import { assertCan, type Principal } from "../auth/principal";
import { assertVisible, notVisible } from "../auth/team-access";
import { AppError } from "../errors/app-error";
import { isUuid } from "../db/ids";
import { recordAudit } from "../audit/record-audit";
import { emit } from "../events/emit";
import { heldActionSettled } from "./events";
import { decisionRowSelect, toDecisionView, type DecisionView } from "../guard/decision-view";
import { decideDecisionSchema, type BudgetExtensionInput, type GuardReason } from "../guard/schemas";
import type { Tx } from "../db/client";
import { windowStart } from "../budgets/windows";
import { readStoredRequest } from "../guard/stored-request";

// A reviewer (or admin) of the agent's team allows or denies a held action, once. The conditional
// update is the referee: of two reviewers deciding at once, exactly one changes the row. A paused or
// terminated agent's hold is never allowed: its status is read under a share lock on the agent row, so
// a pause committing at the same moment either waits for this approval or is seen by it.
export async function decideDecision(principal: Principal, decisionId: string, rawInput: unknown): Promise<DecisionView> {
  assertCan(principal, "approvals:decide");
  const { verdict, note, extendBudget } = decideDecisionSchema.parse(rawInput ?? {});
  if (extendBudget) assertCan(principal, "budgets:extend");
  if (!isUuid(decisionId)) throw notVisible("Decision");

  return transaction(async (tx) => {
    const decision = await tx.guardDecision.findUnique({
      where: { id: decisionId },
      select: { ...decisionRowSelect, teamId: true, agentId: true, request: true },
    });
    if (!decision) throw notVisible("Decision");
    assertVisible(principal, decision.teamId, "Decision");
    if (decision.verdict !== "hold") throw new AppError("conflict", `This decision was not held (verdict ${decision.verdict}): there is nothing to decide`);
    const agent = await lockAgent(tx, decision.agentId);
    if (verdict === "allow" && agent.status !== "active") {
      throw new AppError("conflict", `${agent.slug} is ${agent.status}: its held actions cannot be approved (pausing denies them). Resume the agent; it will ask again.`, {
        details: { reason: "agent_paused", agentStatus: agent.status },
      });
    }

    const now = new Date();
    const { count } = await tx.guardDecision.updateMany({
      where: { id: decisionId, status: "pending", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      data: {
        status: "decided",
        finalVerdict: verdict,
        decidedById: principal.kind === "user" ? principal.userId : null,
        decidedAt: now,
        decisionNote: note || null,
      },
    });
    if (count === 0) {
      const current = await tx.guardDecision.findUniqueOrThrow({ where: { id: decisionId }, select: { status: true, expiresAt: true, finalReasons: true } });
      const expired = current.status === "expired" || (current.status === "pending" && current.expiresAt !== null && current.expiresAt <= now);
      const systemReason = (current.finalReasons as GuardReason[] | null)?.[0];
      throw new AppError("conflict", expired ? "This held action has expired" : systemReason ? `This held action was already denied: ${systemReason.message}` : "This held action was already decided", {
        ...(systemReason ? { details: { reason: systemReason.code } } : {}),
      });
    }
    if (extendBudget) await extendBudgets(tx, principal, decision, extendBudget, now);
    await recordAudit(tx, principal, {
      action: `approval.${verdict === "allow" ? "allow" : "deny"}`,
      targetType: "guard_decision",
      targetId: decisionId,
      teamId: decision.teamId,
      before: { status: "pending", verdict: "hold" },
      after: { status: "decided", verdict, ...(note ? { note } : {}) },
    });
    await emit(tx, heldActionSettled, { decisionId });
    return toDecisionView(await tx.guardDecision.findUniqueOrThrow({ where: { id: decisionId }, select: decisionRowSelect }));
  });
}

// FOR SHARE: a concurrent pause (an UPDATE of this row) waits for this transaction, or this read waits
// for the pause to commit and then sees it (read committed re-reads the row once the lock is granted).
async function lockAgent(tx: Tx, agentId: string): Promise<{ slug: string; status: string }> {
  const [agent] = await tx.$queryRaw<{ slug: string; status: string }[]>`
    SELECT slug, status::text AS status FROM "agents" WHERE id = ${agentId}::uuid FOR SHARE`;
  if (!agent) throw notVisible("Decision");
  return agent;
}

// The reviewer's one-off extension: the budgets that held this action get the extra allowance for the
// rest of their current window (the guard adds it to the limit), audited per budget.
async function extendBudgets(tx: Tx, principal: Principal, decision: { id: string; teamId: string; request: unknown }, extension: BudgetExtensionInput, now: Date) {
  const held = readStoredRequest(decision.request).budgets;
  if (held.length === 0) throw new AppError("validation_failed", "This action was not held by a budget: there is no budget to extend");
  for (const budget of held) {
    const row = await tx.budgetExtension.create({
      data: {
        scope: budget.scope,
        window: budget.window,
        windowStart: windowStart(budget.window, now),
        usd: extension.usd ?? null,
        tokens: extension.tokens !== undefined ? BigInt(extension.tokens) : null,
        decisionId: decision.id,
        grantedById: principal.kind === "user" ? principal.userId : null,
      },
      select: { id: true },
    });
    await recordAudit(tx, principal, {
      action: "budget.extend",
      targetType: "budget",
      targetId: row.id,
      teamId: decision.teamId,
      after: { budget: budget.label, scope: budget.scope, window: budget.window, ...extension, decisionId: decision.id },
    });
  }
}
