import { ControlRoomError } from "./errors.js";
import { sleep, type Transport } from "./http.js";
import type { GuardCheck, GuardDecision } from "./types.js";

export type WaitOptions = {
  /** Seconds per long-poll (the server allows 0–60). Default 30. */
  pollSeconds?: number;
  /** Give up waiting after this many ms; then deny. Default: until the hold expires (the server then answers deny, approval_expired). */
  timeoutMs?: number;
  signal?: AbortSignal;
};

const UNREACHABLE = "control_room_unreachable";

export function createGuard(transport: Transport) {
  const { failMode } = transport.options;

  // Control Room could not answer: the fail mode decides, and says so in the reasons. A held action is
  // never let through this way, whatever the client's fail mode: Control Room already said it needs a
  // person, and the server itself only ever turns a hold into allow by a reviewer's decision.
  function failModeDecision(error: ControlRoomError, decisionId: string | null, mode: "closed" | "open" = failMode): GuardDecision {
    return {
      decisionId,
      verdict: mode === "open" ? "allow" : "deny",
      reasons: [{ code: UNREACHABLE, message: `${error.message} (fail mode ${mode})` }],
      failMode: mode,
    };
  }

  /** POST /api/v1/guard. An answer of Control Room is returned as is; when it cannot be reached the fail mode answers. Input it refuses (4xx) throws ControlRoomError. */
  async function check(request: GuardCheck, options: { signal?: AbortSignal } = {}): Promise<GuardDecision> {
    try {
      return await transport.json<GuardDecision>("POST", "/api/v1/guard", { body: request, idempotent: false, signal: options.signal });
    } catch (error) {
      if (error instanceof ControlRoomError && error.unavailable) return failModeDecision(error, null);
      throw error;
    }
  }

  /** Long-polls GET /api/v1/guard/decisions/{id}?wait= until the decision is allow or deny (a reviewer decided, or the hold expired). Unreachable or past timeoutMs: deny (a hold never fails open). */
  async function waitForDecision(decisionId: string, options: WaitOptions = {}): Promise<GuardDecision> {
    const pollSeconds = Math.min(60, Math.max(1, options.pollSeconds ?? 30));
    const deadline = options.timeoutMs === undefined ? undefined : Date.now() + options.timeoutMs;
    const path = `/api/v1/guard/decisions/${encodeURIComponent(decisionId)}`;
    for (;;) {
      const remaining = deadline === undefined ? pollSeconds * 1000 : deadline - Date.now();
      if (remaining <= 0) {
        return failModeDecision(new ControlRoomError({ status: 0, code: "timeout", message: `No decision on ${decisionId} within ${options.timeoutMs} ms` }), decisionId, "closed");
      }
      const wait = Math.max(0, Math.min(pollSeconds, Math.floor(remaining / 1000)));
      const polledAt = Date.now();
      let decision: GuardDecision;
      try {
        decision = await transport.json<GuardDecision>("GET", path, { query: { wait }, idempotent: true, extraTimeoutMs: wait * 1000, signal: options.signal });
      } catch (error) {
        if (error instanceof ControlRoomError && error.unavailable) return failModeDecision(error, decisionId, "closed");
        throw error;
      }
      if (decision.verdict !== "hold") return decision;
      // A long-poll that ended early with the hold still pending (e.g. a server shutting down answers its
      // long-polls at once) asks again after a short pause rather than at once.
      if (Date.now() - polledAt < wait * 1000) await sleep(Math.min(1000, Math.max(0, remaining)), options.signal);
    }
  }

  /** check(), and on hold waitForDecision(): the verdict to act on (allow or deny). */
  async function checkAndWait(request: GuardCheck, options: WaitOptions = {}): Promise<GuardDecision> {
    const decision = await check(request, { signal: options.signal });
    if (decision.verdict !== "hold" || !decision.decisionId) return decision;
    return waitForDecision(decision.decisionId, options);
  }

  return { check, waitForDecision, checkAndWait };
}
