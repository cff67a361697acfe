import { mixedChecks } from "./guard-policy";

// The body of the index-th guard call of a benchmark run: the request mix in turn, `sessions` sessions
// active at once, each making CALLS_PER_SESSION calls before a new one starts.
const CALLS_PER_SESSION = 20;
const checks = mixedChecks();

export function guardRequestBody(index: number, runId: string, sessions: number): string {
  const check = checks[index % checks.length];
  const session = index % sessions;
  const generation = Math.floor(index / (sessions * CALLS_PER_SESSION));
  return JSON.stringify({
    ...check,
    sessionId: `${runId}-${session}-${generation}`,
    traceId: (index + 1).toString(16).padStart(32, "0"),
    // A distinct line per call, so the loop breaker sees work, not a loop.
    ...(check.action ? { action: { ...check.action, params: { ...check.action.params, line: index } } } : {}),
  });
}
