// The guard as a simulated agent calls it (DESIGN.md): POST /api/v1/guard with the agent's key, and
// long-polling GET /api/v1/guard/decisions/{id}?wait= while an action is held for a reviewer.
export type GuardChannel = "user" | "tool" | "retrieval";
export type GuardUsage = { model: string; inputTokens: number; outputTokens: number };
export type GuardCheck = {
  check: "input" | "action" | "output";
  sessionId: string;
  traceId?: string;
  spanId?: string;
  workflow?: string;
  decisionType?: string;
  text?: string;
  channel?: GuardChannel;
  action?: { tool: string; params?: Record<string, unknown>; amount?: number; resource?: string };
  usage?: GuardUsage;
};
export type GuardReason = { code: string; message: string };
export type GuardAnswer = { decisionId: string; verdict: "allow" | "deny" | "hold"; reasons: GuardReason[]; expiresAt?: string };

export type GuardClient = {
  check(request: GuardCheck): Promise<GuardAnswer>;
  // One long-poll: the decision as it stands after at most waitSeconds.
  decision(decisionId: string, waitSeconds: number): Promise<GuardAnswer>;
};

// When Control Room cannot be reached or answers with an error, the agent fails closed like a
// guarded production agent would: the step does not run.
export const unreachable = (message: string): GuardAnswer => ({
  decisionId: "",
  verdict: "deny",
  reasons: [{ code: "guard_unavailable", message: `Control Room could not be asked (${message}); failing closed` }],
});

const TIMEOUT_MS = 15_000;
const ATTEMPTS = 3;
const RETRY_AFTER_DEFAULT_S = 1;

// Transient failures (429, 503, no connection) are retried twice, honouring Retry-After, before the
// agent fails closed. A check that timed out is not retried: Control Room may have recorded it, and a
// second copy would count twice towards the loop breaker and the budget.
export function httpGuardClient(baseUrl: string, agentKey: string): GuardClient {
  const base = baseUrl.replace(/\/$/, "");
  const once = async (path: string, init: RequestInit, timeoutMs: number): Promise<{ answer: GuardAnswer; retryAfterS?: number }> => {
    try {
      const response = await fetch(`${base}${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${agentKey}`, ...(init.body ? { "Content-Type": "application/json" } : {}) },
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      const body = parseJson(text) as (GuardAnswer & { error?: GuardReason }) | null;
      if (response.ok && body?.verdict) return { answer: { decisionId: body.decisionId, verdict: body.verdict, reasons: body.reasons ?? [], expiresAt: body.expiresAt } };
      const failure = unreachable(body?.error ? `HTTP ${response.status} ${body.error.code}: ${body.error.message}` : `HTTP ${response.status}: ${text.slice(0, 160) || "empty body"}`);
      const transient = response.status === 429 || response.status === 503;
      return { answer: failure, retryAfterS: transient ? Number(response.headers.get("retry-after")) || RETRY_AFTER_DEFAULT_S : undefined };
    } catch (error) {
      const timedOut = (error as Error).name === "TimeoutError";
      return { answer: unreachable((error as Error).message), retryAfterS: timedOut && init.method === "POST" ? undefined : RETRY_AFTER_DEFAULT_S };
    }
  };
  const call = async (path: string, init: RequestInit, timeoutMs: number): Promise<GuardAnswer> => {
    for (let attempt = 1; ; attempt++) {
      const { answer, retryAfterS } = await once(path, init, timeoutMs);
      if (retryAfterS === undefined || attempt >= ATTEMPTS) return answer;
      await new Promise((resolve) => setTimeout(resolve, retryAfterS * 1000 * attempt));
    }
  };
  return {
    check: (request) => call("/api/v1/guard", { method: "POST", body: JSON.stringify(request) }, TIMEOUT_MS),
    decision: (decisionId, waitSeconds) => call(`/api/v1/guard/decisions/${encodeURIComponent(decisionId)}?wait=${waitSeconds}`, { method: "GET" }, (waitSeconds + 15) * 1000),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
