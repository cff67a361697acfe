import { decideCheck } from "../guard/decide-check";
import { demoPolicies } from "../demo/demo-policies";
import { policySet } from "../policies/load-policies";
import { policyDocumentSchema } from "../policies/document-schema";
import type { GuardRequest } from "../guard/schemas";
import type { GuardAnswer, GuardCheck, GuardClient } from "./guard-client";
import type { Clock } from "./waiting";

// For tests: the guard's real decision (decideCheck) over the demo policies, in process, with
// every check recorded. Held decisions are answered by `reviewer` on the first long-poll.
// A reviewer takes `reviewMs` of the clock to decide.
export function localGuard(agent: string, reviewer: "allow" | "deny" = "allow", clock?: { advance(ms: number): void }, reviewMs = 45_000) {
  const documents = demoPolicies.map((input) => policyDocumentSchema.parse(input)).filter((document) => document.scope.agent === agent);
  const policies = policySet(agent, documents);
  const checks: (GuardCheck & { answer: GuardAnswer })[] = [];
  let next = 0;
  const client: GuardClient = {
    async check(request) {
      const outcome = decideCheck({ agent: { slug: agent, status: "active" }, policies, request: request as GuardRequest });
      const answer: GuardAnswer = { decisionId: `d${++next}`, verdict: outcome.verdict, reasons: outcome.reasons };
      checks.push({ ...request, answer });
      return answer;
    },
    async decision(decisionId) {
      clock?.advance(reviewMs);
      return { decisionId, verdict: reviewer, reasons: reviewer === "allow" ? [] : [{ code: "approval_required", message: "A reviewer denied the held action" }] };
    },
  };
  return { client, checks };
}

// A clock that never really waits: sleeping moves virtual time on.
export function virtualClock(start: number): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms) => void (now += Math.max(0, ms)),
    advance: (ms) => void (now += ms),
  };
}
