import type { Attributes } from "@opentelemetry/api";
import type { GuardAnswer, GuardCheck, GuardReason, GuardUsage } from "./guard-client";
import type { ScenarioContext } from "./types";

// Long-poll length per request, and how long past a hold's expiry the agent keeps asking before it
// treats the hold as expired itself (Control Room expires it first; this covers a clock skew).
const LONG_POLL_SECONDS = 30;
const EXPIRY_GRACE_MS = 60_000;
const HOLD_WITHOUT_EXPIRY_MS = 3600_000;
const RETRY_UNREACHABLE_MS = 5000;

export type GuardSession = { sessionId: string; traceId: string; workflow: string };
export type Denial = GuardReason & { decisionId: string; afterHold: boolean };

// The guard calls of one task: each waits until the task's virtual clock has reached real time, so the
// decision is taken when the step really happens; afterwards the task's clock continues from now.
export function guardedCalls(ctx: ScenarioContext, session: GuardSession, cursor: { get(): number; set(ms: number): void }) {
  const catchUp = () => cursor.set(Math.max(cursor.get(), ctx.clock.now()));
  let pendingUsage: GuardUsage | undefined;

  async function ask(request: Omit<GuardCheck, "sessionId" | "traceId" | "workflow">): Promise<GuardAnswer> {
    const ahead = cursor.get() - ctx.clock.now();
    if (ahead > 0) await ctx.clock.sleep(ahead);
    // Each model call's usage is reported once, on the first check after it (budgets count it once).
    const usage = request.check === "input" ? undefined : pendingUsage;
    if (usage) pendingUsage = undefined;
    const answer = await ctx.guard.check({ ...session, ...request, ...(usage ? { usage } : {}) });
    catchUp();
    return answer;
  }

  // A held action: the agent waits, long-polling, until a reviewer decides or the hold expires. Other
  // tasks keep running (this is one awaiting promise among many).
  async function settle(answer: GuardAnswer): Promise<GuardAnswer> {
    if (answer.verdict !== "hold") return answer;
    ctx.waiting.enter();
    try {
      const giveUpAt = (answer.expiresAt ? Date.parse(answer.expiresAt) : ctx.clock.now() + HOLD_WITHOUT_EXPIRY_MS) + EXPIRY_GRACE_MS;
      let current = answer;
      while (current.verdict === "hold") {
        if (ctx.clock.now() > giveUpAt) {
          return { ...current, verdict: "deny", reasons: [{ code: "approval_expired", message: "No verdict arrived before the hold expired" }] };
        }
        const next = await ctx.guard.decision(answer.decisionId, LONG_POLL_SECONDS);
        // A held decision survives a restart of Control Room: keep waiting while it is unreachable.
        if (next.reasons[0]?.code === "guard_unavailable") await ctx.clock.sleep(RETRY_UNREACHABLE_MS);
        else current = next;
      }
      return current;
    } finally {
      ctx.waiting.leave();
      catchUp();
    }
  }

  return {
    ask,
    settle,
    reportUsage(usage: GuardUsage) {
      pendingUsage = pendingUsage?.model === usage.model
        ? { model: usage.model, inputTokens: pendingUsage.inputTokens + usage.inputTokens, outputTokens: pendingUsage.outputTokens + usage.outputTokens }
        : usage;
    },
  };
}

export const denialOf = (answer: GuardAnswer, afterHold = false): Denial => ({
  code: answer.reasons[0]?.code ?? "policy_rule",
  message: answer.reasons[0]?.message ?? "denied by Control Room",
  decisionId: answer.decisionId,
  afterHold,
});

// What a span records of the guard's answer(s) on it.
export function verdictAttributes(answer: GuardAnswer, heldMs = 0, prefix = "controlroom.guard"): Attributes {
  return {
    [`${prefix}.verdict`]: answer.verdict,
    [`${prefix}.decision_id`]: answer.decisionId || undefined,
    [`${prefix}.reason`]: answer.reasons.map((reason) => reason.code).join(",") || undefined,
    [`${prefix}.held_ms`]: heldMs > 0 ? Math.round(heldMs) : undefined,
  };
}

export const blockedMessage = (denial: Denial) => `Blocked by Control Room (${denial.code}): ${denial.message}`;
