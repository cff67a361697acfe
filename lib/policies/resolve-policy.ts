import {
  inputChannels,
  outputChecks,
  type Budget,
  type Gate,
  type InputChannel,
  type OutputCheck,
  type PolicyDocument,
  type PolicyScope,
  type ToolRule,
} from "./document-schema";

// Merge rule (most specific wins, per field):
//   1. A document applies when each of its scope's workflow / decisionType is absent or equals the
//      request's. Specificity: agent (0) < workflow (1) < decision type (2) < workflow + decision type (3)
//      — a decision type is the narrower business decision, so it outranks the workflow it runs in.
//   2. Lists (tools, resources, gates) are taken whole from the most specific document that
//      writes them. Lists never concatenate: a narrower scope must be able to *remove* a tool or gate,
//      and a reviewer reading one document must see the complete list that applies.
//   3. Screening switches (per input channel: enabled, sensitivity; per output check) and loop-breaker
//      thresholds merge leaf by leaf, so a workflow can turn on email screening alone.
//   4. failMode: the most specific document that writes it.
//   4b. Budgets add up instead: every applicable document's budgets apply, each measured on the spend of
//      its document's workflow (or of the whole agent when the document names no workflow). A workflow
//      budget must not lift the agent's budget, and the agent's must not hide the workflow's.
//   5. Whatever no applicable document writes takes the defaults below (tools: none, i.e. the agent may
//      do nothing until a policy lists what it may do; resources: unrestricted beyond the tools).

export type Sensitivity = "low" | "medium" | "high";
export type ChannelScreening = { enabled: boolean; sensitivity: Sensitivity };
// A budget and the spend it measures: the agent's (workflow undefined) or one workflow's of the agent.
export type ScopedBudget = { budget: Budget; workflow?: string };
export type LoopBreaker = { sameCallMax: number; windowSeconds: number; sessionActionMax: number };

export type ResolvedPolicy = {
  agent: string;
  // The documents that contributed, least specific first (for the decision record's policy version).
  appliedScopes: PolicyScope[];
  tools: ToolRule[];
  resources?: string[];
  gates: Gate[];
  screening: { input: Record<InputChannel, ChannelScreening>; output: Record<OutputCheck, boolean> };
  budgets: ScopedBudget[];
  loopBreaker: LoopBreaker;
  failMode: "closed" | "open";
};

export const policyDefaults = {
  tools: [] as ToolRule[],
  gates: [] as Gate[],
  budgets: [] as ScopedBudget[],
  // Injection arrives mostly through tools and retrieval, but users paste it too: screen all three.
  channel: { enabled: true, sensitivity: "medium" } satisfies ChannelScreening,
  // Secrets and payment data must never leave; emails and phones are often the point of a support
  // answer, so a policy opts into blocking them.
  output: { secrets: true, cards: true, iban: true, emails: false, phones: false, outOfScopeActions: true } satisfies Record<OutputCheck, boolean>,
  loopBreaker: { sameCallMax: 5, windowSeconds: 60, sessionActionMax: 200 } satisfies LoopBreaker,
  failMode: "closed" as const,
};

export type PolicyRequest = { workflow?: string; decisionType?: string };

export const scopeSpecificity = (scope: PolicyScope) => (scope.workflow !== undefined ? 1 : 0) + (scope.decisionType !== undefined ? 2 : 0);

const applies = (scope: PolicyScope, request: PolicyRequest) =>
  (scope.workflow === undefined || scope.workflow === request.workflow) &&
  (scope.decisionType === undefined || scope.decisionType === request.decisionType);

const describeScope = (scope: PolicyScope) =>
  [scope.agent, scope.workflow && `workflow ${scope.workflow}`, scope.decisionType && `decision type ${scope.decisionType}`].filter(Boolean).join(", ");

// The value the most specific document writes (documents are sorted least specific first).
function mostSpecific<T>(documents: PolicyDocument[], read: (document: PolicyDocument) => T | undefined): T | undefined {
  for (let index = documents.length - 1; index >= 0; index--) {
    const value = read(documents[index]);
    if (value !== undefined) return value;
  }
  return undefined;
}

// Returns null when no document applies: the caller decides what an unpoliced agent gets.
export function resolvePolicy(policies: readonly PolicyDocument[], request: PolicyRequest): ResolvedPolicy | null {
  const agents = new Set(policies.map((policy) => policy.scope.agent));
  if (agents.size > 1) throw new Error(`resolvePolicy takes the policies of one agent, got ${[...agents].join(", ")}`);

  const applicable = policies.filter((policy) => applies(policy.scope, request)).sort((a, b) => scopeSpecificity(a.scope) - scopeSpecificity(b.scope));
  if (applicable.length === 0) return null;
  // One document per scope is the storage invariant; two would make "most specific" ambiguous.
  for (let index = 1; index < applicable.length; index++) {
    const [previous, current] = [applicable[index - 1].scope, applicable[index].scope];
    if (previous.workflow === current.workflow && previous.decisionType === current.decisionType) {
      throw new Error(`Two policies for the same scope (${describeScope(current)})`);
    }
  }

  const channel = (name: InputChannel): ChannelScreening => ({
    enabled: mostSpecific(applicable, (document) => document.screening?.input?.[name]?.enabled) ?? policyDefaults.channel.enabled,
    sensitivity: mostSpecific(applicable, (document) => document.screening?.input?.[name]?.sensitivity) ?? policyDefaults.channel.sensitivity,
  });
  const loopBreaker = (field: keyof LoopBreaker) =>
    mostSpecific(applicable, (document) => document.loopBreaker?.[field]) ?? policyDefaults.loopBreaker[field];

  return {
    agent: applicable[0].scope.agent,
    appliedScopes: applicable.map((document) => document.scope),
    tools: mostSpecific(applicable, (document) => document.tools) ?? policyDefaults.tools,
    resources: mostSpecific(applicable, (document) => document.resources),
    gates: mostSpecific(applicable, (document) => document.gates) ?? policyDefaults.gates,
    screening: {
      input: Object.fromEntries(inputChannels.map((name) => [name, channel(name)])) as Record<InputChannel, ChannelScreening>,
      output: Object.fromEntries(
        outputChecks.map((check) => [check, mostSpecific(applicable, (document) => document.screening?.output?.[check]) ?? policyDefaults.output[check]]),
      ) as Record<OutputCheck, boolean>,
    },
    budgets: applicable.flatMap((document) => (document.budgets ?? []).map((budget) => ({ budget, workflow: document.scope.workflow }))),
    loopBreaker: {
      sameCallMax: loopBreaker("sameCallMax"),
      windowSeconds: loopBreaker("windowSeconds"),
      sessionActionMax: loopBreaker("sessionActionMax"),
    },
    failMode: mostSpecific(applicable, (document) => document.failMode) ?? policyDefaults.failMode,
  };
}
