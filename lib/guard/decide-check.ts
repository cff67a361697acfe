import { detectInjection } from "./injection/detect-injection";
import { screenOutput } from "./output/screen-output";
import { policyDefaults, type ResolvedPolicy } from "../policies/resolve-policy";
import type { AgentPolicies, AppliedPolicy } from "../policies/load-policies";
import type { GuardReason, GuardRequest, GuardVerdict } from "./schemas";

// The guard's decision for one request, given what check-guard loaded: no I/O, so it is fast and
// testable. Budgets and the loop breaker are stateful: check-guard.ts applies them (apply-limits.ts).

export type AgentState = { slug: string; status: "active" | "paused" | "terminated" };
export type CheckOutcome = {
  verdict: GuardVerdict;
  reasons: GuardReason[];
  // Set for holds: how long the held action waits for a reviewer.
  expiresInSeconds?: number;
  policyVersion?: string;
  // The policy that applied (null: none did), for the stateful limits.
  policy?: ResolvedPolicy | null;
};

type CheckInput = {
  agent: AgentState;
  // An Error when the policies could not be loaded: the fail mode decides.
  policies: AgentPolicies | Error;
  request: GuardRequest;
};

export function decideCheck({ agent, policies, request }: CheckInput): CheckOutcome {
  if (agent.status !== "active") {
    return { verdict: "deny", reasons: [{ code: "agent_paused", message: `Agent ${agent.slug} is ${agent.status}: every check is denied until it is resumed` }] };
  }
  let applied: AppliedPolicy | null = null;
  try {
    if (policies instanceof Error) throw policies;
    applied = policies.resolve({ workflow: request.workflow, decisionType: request.decisionType });
    const policy = applied?.compiled.policy ?? null;
    return { ...runCheck(agent, policy, request, applied), policyVersion: applied?.version, policy };
  } catch (error) {
    console.error(`guard: could not decide for ${agent.slug}`, error);
    const failMode = applied?.compiled.policy.failMode ?? policyDefaults.failMode;
    const message = `Control Room could not decide (fail mode ${failMode})`;
    return { verdict: failMode === "open" ? "allow" : "deny", reasons: [{ code: "policy_rule", message }], policyVersion: applied?.version };
  }
}

function runCheck(agent: AgentState, policy: ResolvedPolicy | null, request: GuardRequest, applied: AppliedPolicy | null): CheckOutcome {
  switch (request.check) {
    case "input": {
      const channel = request.channel ?? "user";
      const screening = policy?.screening.input[channel] ?? policyDefaults.channel;
      if (!screening.enabled) return { verdict: "allow", reasons: [] };
      const result = detectInjection(request.text ?? "", { channel, sensitivity: screening.sensitivity });
      if (!result.injection) return { verdict: "allow", reasons: [] };
      return { verdict: "deny", reasons: result.reasons.map(({ code, message }) => ({ code, message })) };
    }
    case "action": {
      const action = request.action!;
      if (!applied) {
        return {
          verdict: "deny",
          reasons: [{ code: "out_of_scope", message: `Agent ${agent.slug} has no policy for this scope: it may take no action until a policy lists its tools` }],
        };
      }
      const decision = applied.compiled.evaluate(action, { decisionType: request.decisionType });
      return { verdict: decision.verdict, reasons: decision.reasons, expiresInSeconds: decision.gate?.expiresInSeconds };
    }
    case "output": {
      const switches = policy?.screening.output ?? policyDefaults.output;
      const result = screenOutput(request.text ?? "", { ...switches, allowedTools: (policy?.tools ?? []).map((rule) => rule.tool) });
      return { verdict: result.verdict, reasons: result.reasons };
    }
  }
}
