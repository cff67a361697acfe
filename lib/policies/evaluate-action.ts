import { compileCondition, formatValue, type CompiledCondition, type PolicyAction } from "./conditions";
import { resolvePolicy, type ResolvedPolicy } from "./resolve-policy";
import type { Gate, PolicyDocument } from "./document-schema";
import { compileNameList, compileWildcard, hasWildcard, type NameMatcher } from "./tool-pattern";

// The action check of the guard, minus everything stateful (budgets, loop breaker, pause): scope
// (context boundary), parameter constraints, then human-in-the-loop gates. Order matters: an action the
// agent may not take at all is denied, never held — a reviewer should not be asked to approve it.

export type { PolicyAction } from "./conditions";
export type ActionContext = { decisionType?: string };
export type ActionReasonCode = "out_of_scope" | "approval_required" | "policy_rule";
export type ActionReason = { code: ActionReasonCode; message: string };
export type ActionDecision = {
  verdict: "allow" | "deny" | "hold";
  reasons: ActionReason[];
  gate?: { id: string; expiresInSeconds: number };
};

type CompiledGate = {
  gate: Gate;
  matchesTool?: NameMatcher;
  matchesDecisionType?: NameMatcher;
  conditions: CompiledCondition[];
};
type CompiledToolRule = { tool: string; constraints: CompiledCondition[] };

export type CompiledPolicy = {
  policy: ResolvedPolicy;
  evaluate: (action: PolicyAction, context?: ActionContext) => ActionDecision;
};

// Tools reached through a wildcard rule get their gate list cached; the cap keeps arbitrary names sent
// by a misbehaving agent from growing memory without bound.
const MAX_CACHED_TOOLS = 1_000;

const asArray = (value: string | string[] | undefined) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);

function compileGate(gate: Gate): CompiledGate {
  const tools = asArray(gate.when.tool);
  const decisionTypes = asArray(gate.when.decisionType);
  return {
    gate,
    matchesTool: tools && compileNameList(tools),
    matchesDecisionType: decisionTypes && compileNameList(decisionTypes),
    conditions: (gate.when.conditions ?? []).map(compileCondition),
  };
}

// A gate condition holds when any value meets it. A value that is missing or cannot be judged (text
// where a number belongs) holds too, unless the condition says ifMissing "ignore": absence must not be a
// way around a reviewer.
function gateConditionHolds(condition: CompiledCondition, action: PolicyAction): boolean {
  const values = condition.read(action);
  const failClosed = condition.condition.ifMissing === "fail";
  if (values.length === 0) return failClosed;
  for (const value of values) {
    const result = condition.test(value);
    if (result === true || (result === undefined && failClosed)) return true;
  }
  return false;
}

function gateMessage(compiled: CompiledGate, action: PolicyAction, context: ActionContext): string {
  const because: string[] = [];
  if (compiled.matchesTool) because.push(`calls to ${action.tool}`);
  if (compiled.matchesDecisionType) because.push(`decision type ${context.decisionType}`);
  for (const condition of compiled.conditions) {
    const values = condition.read(action);
    because.push(`${condition.summary}, got ${values.length === 0 ? "nothing" : [...new Set(values.map(formatValue))].join(" and ")}`);
  }
  return `Held for a reviewer by gate "${compiled.gate.id}": ${because.join("; ")}`;
}

// One message per broken constraint, naming the parameter, the rule and what the action sent.
function constraintViolation(condition: CompiledCondition, action: PolicyAction): string | undefined {
  const values = condition.read(action);
  const { param, ifMissing } = condition.condition;
  if (values.length === 0) {
    return ifMissing === "fail" ? `${action.tool} requires ${param} for the rule ${condition.summary}, but the action does not give it` : undefined;
  }
  for (const value of values) {
    const result = condition.test(value);
    if (result === true) continue;
    const problem = result === undefined ? `cannot be compared (${formatValue(value)})` : `is ${formatValue(value)}`;
    return `${action.tool}: ${param} must satisfy ${condition.summary}, but ${problem}`;
  }
  return undefined;
}

function toResolved(policy: ResolvedPolicy | PolicyDocument): ResolvedPolicy {
  if ("appliedScopes" in policy) return policy;
  // A lone document is resolved against its own scope, filling the defaults.
  return resolvePolicy([policy], policy.scope) as ResolvedPolicy;
}

export function compilePolicy(source: ResolvedPolicy | PolicyDocument): CompiledPolicy {
  const policy = toResolved(source);
  const gates = policy.gates.map(compileGate);
  const exactRules = new Map<string, CompiledToolRule>();
  const wildcardRules: { pattern: RegExp; rule: CompiledToolRule }[] = [];
  for (const toolRule of policy.tools) {
    const rule = { tool: toolRule.tool, constraints: toolRule.constraints.map(compileCondition) };
    if (hasWildcard(toolRule.tool)) wildcardRules.push({ pattern: compileWildcard(toolRule.tool), rule });
    else exactRules.set(toolRule.tool, rule);
  }
  const matchesResource = policy.resources && compileNameList(policy.resources);

  // Gates that can apply to a tool, in document order (so the first matching gate is the one reported).
  const gatesByTool = new Map<string, CompiledGate[]>();
  const gatesFor = (tool: string) => {
    let candidates = gatesByTool.get(tool);
    if (!candidates) {
      candidates = gates.filter((gate) => !gate.matchesTool || gate.matchesTool(tool));
      if (gatesByTool.size >= MAX_CACHED_TOOLS) gatesByTool.clear();
      gatesByTool.set(tool, candidates);
    }
    return candidates;
  };
  for (const tool of exactRules.keys()) gatesFor(tool);

  const findRule = (tool: string) => exactRules.get(tool) ?? wildcardRules.find((entry) => entry.pattern.test(tool))?.rule;

  function evaluate(action: PolicyAction, context: ActionContext = {}): ActionDecision {
    const rule = findRule(action.tool);
    const outOfResources = matchesResource !== undefined && action.resource !== undefined && !matchesResource(action.resource);
    if (!rule || outOfResources) {
      const reasons: ActionReason[] = [];
      if (!rule) reasons.push({ code: "out_of_scope", message: `Tool "${action.tool}" is outside the scope of agent ${policy.agent}` });
      if (outOfResources) {
        reasons.push({ code: "out_of_scope", message: `Resource ${formatValue(action.resource)} is outside the resources agent ${policy.agent} may use` });
      }
      return { verdict: "deny", reasons };
    }

    let violations: ActionReason[] | undefined;
    for (const constraint of rule.constraints) {
      const message = constraintViolation(constraint, action);
      if (message) (violations ??= []).push({ code: "policy_rule", message });
    }
    if (violations) return { verdict: "deny", reasons: violations };

    let held: CompiledGate[] | undefined;
    for (const gate of gatesFor(action.tool)) {
      if (gate.matchesDecisionType && (context.decisionType === undefined || !gate.matchesDecisionType(context.decisionType))) continue;
      if (gate.conditions.every((condition) => gateConditionHolds(condition, action))) (held ??= []).push(gate);
    }
    // A fresh object: the endpoint appends its own reasons (budget, loop breaker) to the decision.
    if (!held) return { verdict: "allow", reasons: [] };
    return {
      verdict: "hold",
      reasons: held.map((gate) => ({ code: "approval_required" as const, message: gateMessage(gate, action, context) })),
      gate: { id: held[0].gate.id, expiresInSeconds: held[0].gate.expiresInSeconds },
    };
  }

  return { policy, evaluate };
}

// Compiling is the expensive part; remember the compiled form per policy object.
const compiledCache = new WeakMap<object, CompiledPolicy>();

export function evaluateAction(
  policy: CompiledPolicy | ResolvedPolicy | PolicyDocument,
  action: PolicyAction,
  context: ActionContext = {},
): ActionDecision {
  if ("evaluate" in policy) return policy.evaluate(action, context);
  let compiled = compiledCache.get(policy);
  if (!compiled) {
    compiled = compilePolicy(policy);
    compiledCache.set(policy, compiled);
  }
  return compiled.evaluate(action, context);
}
