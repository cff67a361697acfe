import type { TraceDecision } from "./guard-decision-view";

// Which part of the policy decided a guard decision, named the way the policy document names it
// (`gates:<id>`, `tools:<tool>`, `screening.input.<channel>`, …), and which scope versions applied.
// Decision rows keep no rule id: the rule is read back from what they do keep — the check, the
// request and the reason codes (a gate's id is in its reason message, written by evaluate-action.ts).
// Client-safe: pure.

export type DecidingRule = {
  /** Where in the policy document, e.g. `gates:large-refund`; `null` when no policy rule decided (agent paused). */
  id: string | null;
  label: string;
};

export type PolicyScopeVersion = { scopeKey: string; version: number };

type RuleInput = Pick<TraceDecision, "check" | "verdict" | "reasons" | "request">;

const gateIdPattern = /gate "([^"]+)"/;

export function decidingRule(decision: RuleInput): DecidingRule {
  const tool = decision.request.action?.tool;
  const reason = decision.reasons[0];
  if (decision.check === "output") {
    return reason ? { id: "screening.output", label: "Output screening" } : { id: "screening.output", label: "Output screening: nothing found" };
  }
  if (decision.check === "input" && (!reason || reason.code === "prompt_injection")) {
    const channel = decision.request.channel ?? "user";
    return { id: `screening.input.${channel}`, label: reason ? `Input screening (${channel})` : `Input screening (${channel}): nothing found` };
  }
  if (!reason) {
    return tool ? { id: `tools:${tool}`, label: `Tool rule ${tool}: listed, no gate matched` } : { id: null, label: "No rule objected" };
  }
  switch (reason.code) {
    case "approval_required": {
      const gateId = gateIdPattern.exec(reason.message)?.[1];
      return gateId ? { id: `gates:${gateId}`, label: `Gate ${gateId}` } : { id: "gates", label: "A review gate" };
    }
    case "policy_rule":
      if (reason.message.startsWith("Control Room could not decide")) return { id: "failMode", label: "Fail mode (the policy could not be evaluated)" };
      return tool ? { id: `tools:${tool}.constraints`, label: `Constraint on ${tool}` } : { id: null, label: "Policy rule" };
    case "out_of_scope":
      if (reason.message.startsWith("Resource")) return { id: "resources", label: "Resource list" };
      if (reason.message.includes("has no policy for this scope")) return { id: null, label: "No policy for this scope: every action is denied" };
      return { id: "tools", label: tool ? `Tool list: ${tool} is not on it` : "Tool list" };
    case "budget_exceeded": {
      const budget = decision.request.budgets[0];
      return { id: budget ? `budgets:${budget.label}` : "budgets", label: budget ? `Budget ${budget.label} (${budget.window})` : "Budget" };
    }
    case "loop_detected":
      return { id: "loopBreaker", label: "Loop breaker" };
    case "agent_paused":
      return { id: null, label: "The agent was paused (no policy rule)" };
    case "prompt_injection":
      return { id: `screening.input.${decision.request.channel ?? "user"}`, label: "Input screening" };
    case "sensitive_output":
      return { id: "screening.output", label: "Output screening" };
    case "approval_expired":
      return { id: "gates", label: "A review gate (expired)" };
  }
}

// "agent@3 workflow:intake@1" (load-policies.ts) → the scopes that applied, least specific first.
export function policyScopeVersions(policyVersion: string | null): PolicyScopeVersion[] {
  if (!policyVersion) return [];
  const scopes: PolicyScopeVersion[] = [];
  for (const part of policyVersion.trim().split(/\s+/)) {
    const at = part.lastIndexOf("@");
    const version = Number(part.slice(at + 1));
    if (at <= 0 || !Number.isInteger(version) || version < 1) continue;
    scopes.push({ scopeKey: part.slice(0, at), version });
  }
  return scopes;
}
